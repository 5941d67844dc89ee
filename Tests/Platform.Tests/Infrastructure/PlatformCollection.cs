// One AppHost at a time: the machines that run this suite have two cores, and a collection's
// fixture stays up for all of its tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>
/// Tests in this collection share one running AppHost (<see cref="PlatformAppFixture"/>). A test that
/// stops a resource must bring it back healthy before it returns.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformAppFixture>
{
    public const string Name = "Platform AppHost";
}
