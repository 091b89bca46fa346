using System.Threading.Tasks;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

/// <summary>A generated tenant served once per test class. Tests that change data build their own tenant.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public static readonly TenantSpec Spec = new() { Users = 12, SharedMailboxes = 2, MessagesPerMailbox = 25, FilesPerDrive = 4 };

    public GraphSimulatorServer Server { get; private set; } = null!;

    public GroundTruth Truth { get; private set; } = null!;

    public SimTenant Tenant => Server.Tenant;

    public async Task InitializeAsync()
    {
        var (tenant, truth) = TenantGenerator.Generate(Spec);
        Truth = truth;
        Server = await GraphSimulatorServer.StartAsync(tenant);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
