using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using GdprOps.Tests.Sources.Graph;
using Xunit;

namespace GdprOps.Tests.Retention;

/// <summary>Item rules over OneDrive and SharePoint libraries of the Graph tenant simulator.</summary>
public sealed class ItemRetentionDriveTests : IAsyncLifetime
{
    private GraphSimulatorServer server = null!;
    private GroundTruth truth = null!;

    public async Task InitializeAsync()
    {
        var (tenant, generated) = TenantGenerator.Generate(new TenantSpec { Users = 4, SharedMailboxes = 0, MessagesPerMailbox = 2, FilesPerDrive = 12, Seed = 5 });
        truth = generated;
        server = await GraphSimulatorServer.StartAsync(tenant);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Drive_items_are_judged_by_their_modified_time_from_the_listing_alone()
    {
        var owner = server.Tenant.Users.First(u => u.Drive is not null && u.Drive.Items.Values.Count(i => !i.IsFolder) >= 3);
        var files = owner.Drive!.Items.Values.Where(i => !i.IsFolder && !i.InRecycleBin).ToList();
        var asOf = truth.Now;
        var rules = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Stale drafts", "scope": "drive", "dateProperty": "Modified", "olderThan": "30d", "action": "Delete", "legalBasis": "Records policy 2" } ] }""").ItemRules;
        var cutoff = rules[0].OlderThan.CutoffFrom(asOf);
        using var connection = GraphTenant.Connect(server);
        var host = new RecordingHost();
        var drives = await new GraphSweepScope { OneDrives = new[] { owner.UserPrincipalName } }.ResolveAsync(connection, null, host, CancellationToken.None);
        server.Log.Clear();

        var summary = await new ItemRetentionCheck().RunAsync(drives.Select(d => (d, "drive")).ToList(), rules, asOf, detailed: true, host, CancellationToken.None);

        Assert.Equal(files.Count, summary.ItemsChecked);
        Assert.Equal(files.Count(f => f.LastModifiedDateTime < cutoff), summary.Violations);
        Assert.True(summary.Violations > 0);
        Assert.Equal(files.Where(f => f.LastModifiedDateTime < cutoff).Select(f => f.Id).OrderBy(x => x, StringComparer.Ordinal),
            host.Output.OfType<ItemRetentionViolation>().Select(v => v.ItemId).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Empty(host.Errors);
        Assert.DoesNotContain(server.Log.CountByEndpoint().Keys, endpoint => endpoint.Contains("content", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Drive_items_over_the_limit_go_to_the_recycle_bin_and_the_rest_stay()
    {
        var owner = server.Tenant.Users.First(u => u.Drive is not null && u.Drive.Items.Values.Count(i => !i.IsFolder) >= 3);
        var files = owner.Drive!.Items.Values.Where(i => !i.IsFolder && !i.InRecycleBin).ToList();
        var rule = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Stale drafts", "scope": "drive", "dateProperty": "Modified", "olderThan": "30d", "legalBasis": "Records policy 2" } ] }""").ItemRules[0];
        var cutoff = rule.OlderThan.CutoffFrom(truth.Now);
        using var connection = GraphTenant.Connect(server);
        var host = new RecordingHost();
        var drive = Assert.Single(await new GraphSweepScope { OneDrives = new[] { owner.UserPrincipalName } }.ResolveAsync(connection, null, host, CancellationToken.None));
        var over = new System.Collections.Generic.List<SourceItem>();
        await new ItemRetentionCheck().RunAsync(new[] { (drive, "drive") }, new[] { rule }, truth.Now, false, host, CancellationToken.None, (_, item) =>
        {
            lock (over)
            {
                over.Add(item);
            }
        }, writeResults: false);

        var result = Assert.Single(await new ItemRetentionEnforcement(new SourceItemRemover(connection)).RunAsync(
            new[] { new ItemRetentionBatch(rule, drive.DisplayName, cutoff, over) }, null, null, null, host, CancellationToken.None));

        Assert.Equal(files.Count(f => f.LastModifiedDateTime < cutoff), result.Acted);
        Assert.Equal(0, result.Failed);
        Assert.All(files, f => Assert.Equal(f.LastModifiedDateTime < cutoff, f.InRecycleBin));
    }
}
