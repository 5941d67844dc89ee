// The image a container app runs now, so that a re-provision (`azd provision` after `azd deploy`) keeps it instead of
// putting the placeholder back. Before the first deploy the placeholder is used.
param name string
param exists bool

var placeholder = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

resource app 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output image string = exists ? app!.properties.template.containers[0].image : placeholder
