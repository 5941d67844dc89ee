namespace HeadCt.Web.Tests.Infrastructure;

/// <summary>One AppHost for every browser test class: starting it costs most of the run.</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web page against the real AppHost";
}
