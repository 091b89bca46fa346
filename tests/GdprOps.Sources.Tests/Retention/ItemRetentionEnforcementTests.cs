using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Removal;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Tests.Shared;
using GdprOps.Tests.Sources.Blob;
using Xunit;

namespace GdprOps.Tests.Retention;

public sealed class ItemRetentionEnforcementTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture azurite;

    public ItemRetentionEnforcementTests(AzuriteFixture azurite) => this.azurite = azurite;

    /// <summary>Lists the sources and collects what is over each rule, as Invoke-ItemRetention does.</summary>
    private static async Task<List<ItemRetentionBatch>> OverTheLimitAsync(IItemSource source, string scope, IReadOnlyList<ItemRetentionRule> rules)
    {
        var items = new List<(ItemRetentionRule Rule, SourceItem Item)>();
        await new ItemRetentionCheck().RunAsync(new[] { (source, scope) }, rules, AsOf, false, new RecordingHost(), CancellationToken.None, (rule, item) =>
        {
            lock (items)
            {
                items.Add((rule, item));
            }
        }, writeResults: false);
        return items.GroupBy(i => i.Rule)
            .Select(g => new ItemRetentionBatch(g.Key, g.First().Item.Source, g.Key.OlderThan.CutoffFrom(AsOf), g.Select(i => i.Item).OrderBy(i => i.ItemName, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    [Fact]
    public async Task An_audit_log_that_cannot_be_written_stops_the_run_before_anything_is_deleted()
    {
        using var dir = new TempFolder();
        foreach (string name in new[] { "a.txt", "b.txt" })
        {
            File.SetLastWriteTimeUtc(dir.File("share/" + name, "cv"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        string share = Path.Combine(dir.Path, "share");
        var rules = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" } ] }""").ItemRules;
        var batches = await OverTheLimitAsync(new FileSystemSource(share), "share", rules);
        string folderInTheWay = Path.Combine(dir.Path, "audit.log");
        Directory.CreateDirectory(folderInTheWay);

        var error = await Assert.ThrowsAsync<GdprOpsException>(() =>
            new ItemRetentionEnforcement(new SourceItemRemover(null)).RunAsync(batches, null, new AuditLog(folderInTheWay), null, new RecordingHost(), CancellationToken.None));

        Assert.Equal(ErrorIds.AuditLogWriteFailed, error.ErrorId);
        Assert.Equal(2, Directory.GetFiles(share).Length);
    }

    [Fact]
    public async Task Old_share_files_go_pinned_to_the_listed_version_and_every_outcome_is_counted_and_audited()
    {
        using var dir = new TempFolder();
        var old = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (string name in new[] { "a-old.txt", "b-changed.txt", "c-gone.txt", "d-old.txt" })
        {
            File.SetLastWriteTimeUtc(dir.File("share/" + name, "cv of someone"), old);
        }

        dir.File("share/e-new.txt", "recent");
        string share = Path.Combine(dir.Path, "share");
        var rules = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Applications", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "Recruitment policy 3" } ] }""").ItemRules;
        var batches = await OverTheLimitAsync(new FileSystemSource(share), "share", rules);
        Assert.Equal(4, Assert.Single(batches).Items.Count);

        // Between listing and removal: one file is edited, one is deleted by someone else.
        File.AppendAllText(Path.Combine(share, "b-changed.txt"), " - updated");
        File.Delete(Path.Combine(share, "c-gone.txt"));
        var audit = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        var host = new RecordingHost();
        var result = Assert.Single(await new ItemRetentionEnforcement(new SourceItemRemover(null)).RunAsync(batches, null, audit, "app x", host, CancellationToken.None));

        Assert.Equal((4, 2, 1, 1, 0, 0), (result.Listed, result.Acted, result.AlreadyGone, result.Changed, result.Failed, result.Deferred));
        Assert.Equal(new[] { "b-changed.txt", "e-new.txt" }, Directory.GetFiles(share).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        var outcomes = host.Output.OfType<RemovalResult>().ToDictionary(r => r.ItemName, r => r.Outcome);
        Assert.Equal(RemovalOutcome.Removed, outcomes["a-old.txt"]);
        Assert.Equal(RemovalOutcome.SkippedChanged, outcomes["b-changed.txt"]);
        Assert.Equal(RemovalOutcome.AlreadyGone, outcomes["c-gone.txt"]);
        Assert.Equal("Intended", audit.Read()[0].Outcome);
        var line = Assert.Single(audit.Read(), l => l.Outcome != "Intended");
        Assert.Equal(("RetentionEnforcement", "Invoke-ItemRetention", "Succeeded"), (line.Action, line.Command, line.Outcome));
        Assert.Contains("acted=2", line.Counts, StringComparison.Ordinal);
        Assert.Contains("Recruitment policy 3", line.Scope, StringComparison.Ordinal);
        Assert.True(audit.Verify().Valid);
    }

    [Fact]
    public async Task Max_items_defers_the_rest_to_the_next_run()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 5; i++)
        {
            File.SetLastWriteTimeUtc(dir.File($"share/{i}.txt", "x"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        string share = Path.Combine(dir.Path, "share");
        var rules = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Old", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "x" } ] }""").ItemRules;
        var result = Assert.Single(await new ItemRetentionEnforcement(new SourceItemRemover(null)).RunAsync(await OverTheLimitAsync(new FileSystemSource(share), "share", rules), 2, null, null, new RecordingHost(), CancellationToken.None));
        Assert.Equal((2, 3), (result.Acted, result.Deferred));
        Assert.Equal(3, Directory.GetFiles(share).Length);
    }

    [Fact]
    public async Task Ctrl_C_lets_the_items_in_flight_finish_counts_the_rest_deferred_and_audits_the_stop()
    {
        using var dir = new TempFolder();
        var rule = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Old", "scope": "share", "dateProperty": "Modified", "olderThan": "1y", "legalBasis": "x" } ] }""").ItemRules[0];
        var items = Enumerable.Range(0, 40).Select(i => new SourceItem { Source = "share", ItemId = i.ToString(), ItemName = i + ".txt", ItemUri = "/x/" + i, Version = "v1" }).ToList();
        var remover = new SlowRemover();
        var audit = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        var host = new RecordingHost();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ItemRetentionEnforcement(remover).RunAsync(new[] { new ItemRetentionBatch(rule, "share", AsOf, items) }, null, audit, null, host, stop.Token));

        var result = Assert.Single(host.Output.OfType<ItemRetentionEnforcementResult>());
        Assert.Equal(40, result.Acted + result.Failed + result.Deferred);
        Assert.Equal(remover.Removed, result.Acted);
        Assert.InRange(result.Deferred, 1, 39);
        Assert.Equal(result.Acted + result.Failed, host.Output.OfType<RemovalResult>().Count());
        Assert.Equal(new[] { "Intended", "Stopped" }, audit.Read().Select(l => l.Outcome));
    }

    /// <summary>A remover that takes 100 ms per item and ignores cancellation once started, like a request in flight.</summary>
    private sealed class SlowRemover : IItemRemover
    {
        private int _removed;

        public int Removed => _removed;

        public Task<CurrentItem?> CurrentItemAsync(GdprOps.Model.Finding finding, CancellationToken cancellationToken) => Task.FromResult<CurrentItem?>(new CurrentItem("v1", finding.ItemName));

        public Task<Stream> OpenAsync(GdprOps.Model.Finding finding, CancellationToken cancellationToken) => throw new NotSupportedException();

        public async Task<RemovalResult> RemoveAsync(GdprOps.Model.Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
        {
            await Task.Delay(100, CancellationToken.None);
            Interlocked.Increment(ref _removed);
            return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Deleted.");
        }

        public Task<string?> RetentionReasonAsync(GdprOps.Model.Finding finding, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task<RemovalResult> ReplaceAsync(GdprOps.Model.Finding finding, Stream content, string version, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Blobs_whose_consent_was_withdrawn_long_ago_are_purged_and_nothing_else()
    {
        var container = BlobContainers.FromConnectionString(azurite.ConnectionString, "e" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        await container.GetBlobClient("old.txt").UploadAsync(BinaryData.FromString("form"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["ConsentWithdrawn"] = "2021-01-01" } });
        await container.GetBlobClient("recent.txt").UploadAsync(BinaryData.FromString("form"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["ConsentWithdrawn"] = "2026-10-01" } });
        await container.GetBlobClient("garbled.txt").UploadAsync(BinaryData.FromString("form"), new Azure.Storage.Blobs.Models.BlobUploadOptions { Metadata = new Dictionary<string, string> { ["ConsentWithdrawn"] = "soon" } });
        var rules = RetentionPolicy.Parse("""{ "itemRules": [ { "name": "Consent withdrawn", "scope": "blob", "dateMetadata": "ConsentWithdrawn", "olderThan": "2y", "action": "Purge", "legalBasis": "GDPR Art. 7(3)" } ] }""").ItemRules;

        var batches = await OverTheLimitAsync(new BlobContainerSource(container, null), "blob", rules);
        var host = new RecordingHost();
        var result = Assert.Single(await new ItemRetentionEnforcement(new SourceItemRemover(null, azurite.ConnectionString)).RunAsync(batches, null, null, null, host, CancellationToken.None));

        Assert.Equal((1, 1, 0), (result.Listed, result.Acted, result.Failed));
        var left = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            left.Add(blob.Name);
        }

        Assert.Equal(new[] { "garbled.txt", "recent.txt" }, left.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("Purge", Assert.Single(host.Output.OfType<RemovalResult>()).Mode);
    }
}
