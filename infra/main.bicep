// News Monitor on Azure: a Flex Consumption function app (.NET 10 isolated worker) on a storage account
// reached only with a managed identity, SendGrid's key in Key Vault, logs in Log Analytics and App Insights.
// `azd up` deploys it (azure.yaml at the root); main.parameters.json maps azd's environment to parameters.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name: names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource (one that offers Flex Consumption).')
param location string

@secure()
@description('SendGrid API key (mail send permission). Stored as a Key Vault secret; the app reads it through a Key Vault reference.')
param sendGridApiKey string

@description('Sender address of the digests (a verified sender in SendGrid).')
param fromAddress string = 'news-monitor@example.org'

@description('Display name of the sender.')
param fromName string = 'News Monitor'

@description('SendGrid sandbox mode: requests are validated and answered 202 but nothing is delivered.')
@allowed(['true', 'false'])
param sendGridSandboxMode string = 'false'

@description('When due feeds are queued for polling (six-field NCRONTAB, UTC).')
param pollSchedule string = '0 */5 * * * *'

@description('When due digests are composed and sent (six-field NCRONTAB, UTC).')
param digestSchedule string = '0 * * * * *'

@secure()
@description('Optional: the key that signs unsubscribe links (32+ random characters). Left empty, one is generated at deployment (see generatedSigningKey).')
param digestSigningKey string = ''

@secure()
@description('Do not set: the random part of the signing key generated when digestSigningKey is empty. A new one is drawn at each deployment.')
param generatedSigningKey string = newGuid()

@description('Optional: the public https address of the app (a custom domain). Empty: https://<app name>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('Optional: the object id of a user or group given data access to storage and Key Vault too (for running locally against Azure).')
param principalId string = ''

var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'news-monitor-resources'
  scope: group
  params: {
    environmentName: environmentName
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    fromAddress: fromAddress
    fromName: fromName
    sendGridSandboxMode: sendGridSandboxMode
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    principalId: principalId
    // The signing key is kept in Key Vault (resources.bicep); generated here because newGuid() is only allowed as a parameter default.
    digestSigningKey: empty(digestSigningKey) ? '${generatedSigningKey}${uniqueString(subscription().id, environmentName, generatedSigningKey)}' : digestSigningKey
    publicBaseUrl: publicBaseUrl
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output AZURE_FUNCTION_APP_URL string = resources.outputs.functionAppUrl
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
