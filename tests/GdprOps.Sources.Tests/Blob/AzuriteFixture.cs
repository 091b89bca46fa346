using System.Threading.Tasks;
using GdprOps.Testing;
using Xunit;

namespace GdprOps.Tests.Sources.Blob;

/// <summary>One Azurite blob service per test class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    public string ConnectionString => server!.ConnectionString;

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync(TestPaths.RepoRoot);

    public Task DisposeAsync()
    {
        server?.Dispose();
        return Task.CompletedTask;
    }
}
