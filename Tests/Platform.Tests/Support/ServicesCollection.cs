namespace HeadCt.Platform.Tests.Support;

/// <summary>The service tests share one AppHost; a test that stops a resource starts it again before it returns.</summary>
[CollectionDefinition(Name)]
public sealed class ServicesCollection : ICollectionFixture<ServicesAppFixture>
{
    public const string Name = "Platform services";
}
