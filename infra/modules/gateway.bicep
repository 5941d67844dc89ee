// The gateway: the only public service. External HTTPS ingress (Container Apps terminates TLS) and the DICOM listener
// (the gateway's endpoint `dicom`) as an additional external TCP port 11112.
param location string
param tags object
param name string
param exists bool
@description('Identity, registry, environment, storage connection and telemetry shared with the processor (resources.bicep).')
param shared object
param processorName string
@secure()
@description('ConnectionStrings:cache (StackExchange.Redis, with the access key).')
param cacheConnection string
@secure()
@description('ConnectionStrings:index (Npgsql, with the password).')
param indexConnection string
@secure()
param serviceKey string
@secure()
param adminApiKeyHash string

var dicomPort = 11112

module current 'existing-image.bicep' = {
  name: '${name}-image'
  params: { name: name, exists: exists }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'gateway' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${shared.identityId}': {} }
  }
  properties: {
    environmentId: shared.environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        additionalPortMappings: [{ external: true, targetPort: dicomPort, exposedPort: dicomPort }]
      }
      registries: [{ server: shared.registryServer, identity: shared.identityId }]
      secrets: [
        { name: 'cache', value: cacheConnection }
        { name: 'index', value: indexConnection }
        { name: 'service-key', value: serviceKey }
        { name: 'admin-key-hash', value: adminApiKeyHash }
      ]
    }
    template: {
      containers: [
        {
          name: 'gateway'
          image: current.outputs.image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'ConnectionStrings__storage', value: shared.storageConnection }
            { name: 'AZURE_CLIENT_ID', value: shared.identityClientId }
            { name: 'ConnectionStrings__cache', secretRef: 'cache' }
            { name: 'ConnectionStrings__index', secretRef: 'index' }
            { name: 'services__processor__http__0', value: 'http://${processorName}' }
            { name: 'Processor__ServiceKey', secretRef: 'service-key' }
            { name: 'Auth__ApiKeys__0__Name', value: 'admin' }
            { name: 'Auth__ApiKeys__0__Role', value: 'admin' }
            { name: 'Auth__ApiKeys__0__Hash', secretRef: 'admin-key-hash' }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: shared.applicationInsightsConnectionString }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 }, periodSeconds: 10 }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 }, periodSeconds: 10 }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 3
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
}

output url string = 'https://${app.properties.configuration.ingress.fqdn}'
output dicomAddress string = '${app.properties.configuration.ingress.fqdn}:${dicomPort}'
