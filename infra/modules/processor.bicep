// The processor: internal HTTP ingress (the gateway's POST /process and result reads), scaled by KEDA on the length of
// the job queue (read with the app's managed identity, no key) and on concurrent HTTP requests.
param location string
param tags object
param name string
param exists bool
@description('Identity, registry, environment, storage connection and telemetry shared with the gateway (resources.bicep).')
param shared object
param storageAccountName string
param queueName string
param minReplicas int
param maxReplicas int
param jobsPerReplica int
@secure()
@description('ConnectionStrings:cache (StackExchange.Redis, with the access key).')
param cacheConnection string
@secure()
@description('ConnectionStrings:index (Npgsql, with the password).')
param indexConnection string
@secure()
param serviceKey string

module current 'existing-image.bicep' = {
  name: '${name}-image'
  params: { name: name, exists: exists }
}

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'processor' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${shared.identityId}': {} }
  }
  properties: {
    environmentId: shared.environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: { external: false, targetPort: 8080, transport: 'http', allowInsecure: true }
      registries: [{ server: shared.registryServer, identity: shared.identityId }]
      secrets: [
        { name: 'cache', value: cacheConnection }
        { name: 'index', value: indexConnection }
        { name: 'service-key', value: serviceKey }
      ]
    }
    template: {
      containers: [
        {
          name: 'processor'
          image: current.outputs.image
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: [
            { name: 'ConnectionStrings__storage', value: shared.storageConnection }
            { name: 'AZURE_CLIENT_ID', value: shared.identityClientId }
            { name: 'ConnectionStrings__cache', secretRef: 'cache' }
            { name: 'ConnectionStrings__index', secretRef: 'index' }
            { name: 'Auth__ServiceKey', secretRef: 'service-key' }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: shared.applicationInsightsConnectionString }
            { name: 'Renderings__ViewCacheMegabytes', value: '1024' }
          ]
          probes: [
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 }, periodSeconds: 10 }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 }, periodSeconds: 10 }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'job-queue'
            azureQueue: {
              accountName: storageAccountName
              queueName: queueName
              queueLength: jobsPerReplica
              identity: shared.identityId
            }
          }
          { name: 'http', http: { metadata: { concurrentRequests: '20' } } }
        ]
      }
    }
  }
}

output name string = app.name
