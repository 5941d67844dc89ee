using HeadCt.ServiceDefaults.Storage;

namespace HeadCt.Deployment.Tests.Storage;

/// <summary>ConnectionStrings:storage as an account connection string, or as endpoints for a managed identity, or refused by name.</summary>
public class StorageConnectionTests
{
    private const string Setting = "ConnectionStrings:storage";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;")]
    [InlineData("BlobEndpoint=https://a.blob.core.windows.net/;QueueEndpoint=https://a.queue.core.windows.net/;SharedAccessSignature=sv=2024&sig=x")]
    public void GivenAConnectionStringWithACredential_WhenParsed_ThenItIsUsedAsItIs(string value)
    {
        var connection = StorageConnection.Parse(value, Setting);

        Assert.False(connection.UsesIdentity);
        Assert.Equal(value, connection.ConnectionString);
    }

    [Fact]
    public void GivenEndpointsWithoutACredential_WhenParsed_ThenTheIdentityReachesThoseEndpoints()
    {
        var connection = StorageConnection.Parse("BlobEndpoint=https://127.0.0.1:4001/devstoreaccount1;QueueEndpoint=https://127.0.0.1:4002/devstoreaccount1", Setting);

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri("https://127.0.0.1:4001/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://127.0.0.1:4002/devstoreaccount1"), connection.QueueEndpoint);
    }

    [Theory]
    [InlineData("AccountName=stheadct;EndpointSuffix=core.windows.net", "https://stheadct.blob.core.windows.net/", "https://stheadct.queue.core.windows.net/")]
    [InlineData("AccountName=stheadct", "https://stheadct.blob.core.windows.net/", "https://stheadct.queue.core.windows.net/")]
    [InlineData("AccountName=st;EndpointSuffix=core.chinacloudapi.cn", "https://st.blob.core.chinacloudapi.cn/", "https://st.queue.core.chinacloudapi.cn/")]
    public void GivenOnlyTheAccountName_WhenParsed_ThenTheEndpointsAreDerivedFromIt(string value, string blob, string queue)
    {
        var connection = StorageConnection.Parse(value, Setting);

        Assert.True(connection.UsesIdentity);
        Assert.Equal(new Uri(blob), connection.BlobEndpoint);
        Assert.Equal(new Uri(queue), connection.QueueEndpoint);
    }

    [Theory]
    [InlineData(null, "is missing")]
    [InlineData("  ", "is missing")]
    [InlineData("DefaultEndpointsProtocol=https", "no credential")]
    [InlineData("BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1", "must give an absolute https URI")]
    [InlineData("justsomething", "not a key=value pair")]
    public void GivenASettingThatSaysNeither_WhenParsed_ThenTheErrorNamesTheSettingAndTheReason(string? value, string reason)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.Parse(value, Setting));

        Assert.Contains(Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMalformedPartAfterAKey_WhenRefused_ThenTheMessageDoesNotEchoTheKey()
    {
        const string Secret = "c2VjcmV0LWtleS12YWx1ZS10aGF0LW11c3Qtbm90LWxlYWs";

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.Parse($"AccountName=a;{Secret}", Setting));

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }
}
