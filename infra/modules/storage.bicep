// Blob containers and the job queue. Shared keys are disabled: the services reach the account with their managed identity
// (Storage Blob Data Contributor, Storage Queue Data Contributor), given as endpoints without any secret.
param location string
param tags object
param name string
param appPrincipalId string
@description('The person running azd (may be empty): the same data roles, to inspect studies with their own login.')
param userPrincipalId string

var containers = ['dicom', 'results', 'audit']
var jobQueue = 'jobs'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in containers: {
  parent: blobs
  name: container
}]

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queues
  name: jobQueue
}

var blobDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
var queueDataContributor = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
var grants = concat(
  [
    { principalId: appPrincipalId, type: 'ServicePrincipal' }
  ],
  empty(userPrincipalId) ? [] : [{ principalId: userPrincipalId, type: 'User' }]
)

resource blobRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: {
  name: guid(account.id, grant.principalId, blobDataContributor)
  scope: account
  properties: { roleDefinitionId: blobDataContributor, principalId: grant.principalId, principalType: grant.type }
}]

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: {
  name: guid(account.id, grant.principalId, queueDataContributor)
  scope: account
  properties: { roleDefinitionId: queueDataContributor, principalId: grant.principalId, principalType: grant.type }
}]

output name string = account.name
output jobQueueName string = queue.name
@description('ConnectionStrings:storage for the services: the account, no key (ServiceDefaults/Storage/StorageConnection).')
output identityConnection string = 'AccountName=${account.name};EndpointSuffix=${environment().suffixes.storage}'
