// The result cache (ConnectionStrings:cache): Azure Cache for Redis, Basic C0, TLS only. The StackExchange.Redis client
// of the services authenticates with the access key, kept as a container app secret (Entra ID auth for Redis needs
// a client package the project does not use yet).
param location string
param tags object
param name string

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: { name: 'Basic', family: 'C', capacity: 0 }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    redisConfiguration: { 'maxmemory-policy': 'allkeys-lru' }
  }
}

output name string = redis.name
