// Everything of one environment, in its resource group. Each module does one job; this file wires them.
param location string
param tags object
@description('Short unique suffix for globally named resources.')
param token string
param principalId string
param processorMinReplicas int
param processorMaxReplicas int
param jobsPerProcessor int
@secure()
param processorServiceKey string
@secure()
param adminApiKeyHash string
param postgresAdministratorLogin string
@secure()
param postgresAdministratorPassword string
param gatewayExists bool
param processorExists bool

module network 'modules/network.bicep' = {
  name: 'network'
  params: { location: location, tags: tags, name: 'vnet-${token}' }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, tags: tags, token: token }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { location: location, tags: tags, name: 'id-headct-${token}' }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: { location: location, tags: tags, name: 'crheadct${token}', pullPrincipalId: identity.outputs.principalId }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: 'stheadct${token}'
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

var redisName = 'redis-headct-${token}'

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: { location: location, tags: tags, name: redisName }
}

resource cache 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisName
  dependsOn: [redis]
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    tags: tags
    name: 'psql-headct-${token}'
    subnetId: network.outputs.postgresSubnetId
    virtualNetworkId: network.outputs.id
    administratorLogin: postgresAdministratorLogin
    administratorPassword: postgresAdministratorPassword
  }
}

module environment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  params: {
    location: location
    tags: tags
    name: 'cae-headct-${token}'
    subnetId: network.outputs.appsSubnetId
    logAnalyticsWorkspaceName: monitoring.outputs.logAnalyticsWorkspaceName
  }
}

// What both services are given (secrets by reference, never in plain environment values).
var cacheConnection = '${cache.properties.hostName}:${cache.properties.sslPort},password=${cache.listKeys().primaryKey},ssl=True,abortConnect=False'
var indexConnection = 'Host=${postgres.outputs.host};Database=${postgres.outputs.databaseName};Username=${postgresAdministratorLogin};Password=${postgresAdministratorPassword};SSL Mode=Require'
var shared = {
  identityId: identity.outputs.id
  identityClientId: identity.outputs.clientId
  registryServer: registry.outputs.loginServer
  environmentId: environment.outputs.id
  storageConnection: storage.outputs.identityConnection
  applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
}

module processor 'modules/processor.bicep' = {
  name: 'processor'
  params: {
    location: location
    tags: tags
    name: 'processor'
    exists: processorExists
    shared: shared
    storageAccountName: storage.outputs.name
    queueName: storage.outputs.jobQueueName
    minReplicas: processorMinReplicas
    maxReplicas: processorMaxReplicas
    jobsPerReplica: jobsPerProcessor
    cacheConnection: cacheConnection
    indexConnection: indexConnection
    serviceKey: processorServiceKey
  }
}

module gateway 'modules/gateway.bicep' = {
  name: 'gateway'
  params: {
    location: location
    tags: tags
    name: 'gateway'
    exists: gatewayExists
    shared: shared
    processorName: processor.outputs.name
    cacheConnection: cacheConnection
    indexConnection: indexConnection
    serviceKey: processorServiceKey
    adminApiKeyHash: adminApiKeyHash
  }
}

output registryLoginServer string = registry.outputs.loginServer
output environmentId string = environment.outputs.id
output gatewayUrl string = gateway.outputs.url
output gatewayDicomAddress string = gateway.outputs.dicomAddress
output storageAccountName string = storage.outputs.name
