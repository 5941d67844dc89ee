// The HeadCt DSS on Azure Container Apps, provisioned by `azd up` (see README, "Deployment with azd up").
// Subscription scope: one resource group per azd environment, everything else in resources.bicep.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; prefixes the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Object id of the person running azd: given data access to the storage account, to inspect it. Empty for none.')
param principalId string = ''

@description('Fewest processor replicas: 0 lets the app scale to zero while the job queue is empty (the first study then waits for a cold start), 1 keeps one warm.')
@minValue(0)
@maxValue(1)
param processorMinReplicas int = 1

@description('Most processor replicas the queue-length rule may start.')
@minValue(1)
@maxValue(30)
param processorMaxReplicas int = 5

@description('Queued jobs per processor replica before KEDA adds one.')
@minValue(1)
param jobsPerProcessor int = 4

@secure()
@description('Shared key between gateway and processor (at least 16 characters).')
@minLength(16)
param processorServiceKey string

@secure()
@description('SHA-256 of the admin API key, lowercase hex (README: openssl rand -hex 24, then sha256sum).')
@minLength(64)
@maxLength(64)
param adminApiKeyHash string

@description('Administrator login of the PostgreSQL server (the study index).')
param postgresAdministratorLogin string = 'headct'

@secure()
@description('Password of that login.')
@minLength(12)
param postgresAdministratorPassword string

@description('Whether azd already deployed the gateway (keeps its image on a re-provision).')
param gatewayExists bool = false

@description('Whether azd already deployed the processor.')
param processorExists bool = false

var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: group
  params: {
    location: location
    tags: tags
    token: toLower(uniqueString(subscription().id, environmentName, location))
    principalId: principalId
    processorMinReplicas: processorMinReplicas
    processorMaxReplicas: processorMaxReplicas
    jobsPerProcessor: jobsPerProcessor
    processorServiceKey: processorServiceKey
    adminApiKeyHash: adminApiKeyHash
    postgresAdministratorLogin: postgresAdministratorLogin
    postgresAdministratorPassword: postgresAdministratorPassword
    gatewayExists: gatewayExists
    processorExists: processorExists
  }
}

// Read by azd: where to push images, and what to print after `azd up`.
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = resources.outputs.environmentId
output GATEWAY_URL string = resources.outputs.gatewayUrl
output GATEWAY_DICOM_ADDRESS string = resources.outputs.gatewayDicomAddress
output AZURE_STORAGE_ACCOUNT string = resources.outputs.storageAccountName
