using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Blobs.Models;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Testing;
using GdprOps.Tests.Shared;
using GdprOps.Tests.Sources.Blob;
using Xunit;

namespace GdprOps.Tests.Retention;

public sealed class ItemRetentionCheckTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly AzuriteFixture azurite;

    public ItemRetentionCheckTests(AzuriteFixture azurite) => this.azurite = azurite;

    private static IReadOnlyList<ItemRetentionRule> Rules(string json) => RetentionPolicy.Parse(json).ItemRules;

    [Fact]
    public async Task Share_files_are_judged_by_their_modified_time_to_the_minute()
    {
        using var dir = new TempFolder();
        var cutoff = AsOf.AddMonths(-6);
        var files = new (string Name, DateTimeOffset Modified)[]
        {
            ("old.txt", cutoff.AddDays(-30)), ("just-over.txt", cutoff.AddMinutes(-1)), ("just-inside.txt", cutoff.AddMinutes(1)), ("new.txt", AsOf.AddDays(-1)),
        };
        foreach (var (name, modified) in files)
        {
            File.SetLastWriteTimeUtc(dir.File(name, "x"), modified.UtcDateTime);
        }

        var rules = Rules("""{ "itemRules": [ { "name": "Old files", "scope": "share", "dateProperty": "Modified", "olderThan": "6mo", "action": "Delete", "legalBasis": "Policy 7" } ] }""");
        var host = new RecordingHost();
        var summary = await new ItemRetentionCheck().RunAsync(new (IItemSource, string)[] { (new FileSystemSource(dir.Path), "share") }, rules, AsOf, detailed: true, host, CancellationToken.None);

        var result = Assert.Single(host.Output.OfType<ItemRetentionResult>());
        Assert.Equal((4, 4, 2), (result.Items, result.Applicable, result.Violations));
        Assert.Equal(cutoff, result.Cutoff);
        Assert.Equal(cutoff.AddDays(-30), result.OldestItem);
        Assert.Equal(("Delete", "Policy 7"), (result.Action, result.LegalBasis));
        Assert.Equal(new[] { "just-over.txt", "old.txt" }, host.Output.OfType<ItemRetentionViolation>().Select(v => v.ItemName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal((1, 4, 2, 2, 0), (summary.SourcesChecked, summary.ItemsChecked, summary.Violations, (int)summary.ViolationSizeBytes, summary.Failed));
    }

    [Fact]
    public async Task Blobs_are_judged_by_a_date_in_metadata_or_an_index_tag_and_a_non_date_is_never_compliant()
    {
        var container = BlobContainers.FromConnectionString(azurite.ConnectionString, "r" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        async Task Upload(string name, Dictionary<string, string>? metadata = null, Dictionary<string, string>? tags = null) =>
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString("consent form"), new BlobUploadOptions { Metadata = metadata, Tags = tags });
        await Upload("withdrawn-2021.txt", new() { ["ConsentWithdrawn"] = "2021-03-01" });
        await Upload("withdrawn-2025.txt", new() { ["consentwithdrawn"] = "2025-06-01T10:00:00Z" });
        await Upload("tagged-2020.txt", tags: new() { ["ConsentWithdrawn"] = "2020-01-15" });
        await Upload("garbled.txt", new() { ["ConsentWithdrawn"] = "last spring, Soeren said" });
        await Upload("still-consenting.txt", new() { ["Department"] = "HR" });

        var rules = Rules("""{ "itemRules": [ { "name": "Consent withdrawn", "scope": "blob", "dateMetadata": "ConsentWithdrawn", "olderThan": "2y", "action": "Purge", "legalBasis": "GDPR Art. 7(3)" } ] }""");
        var host = new RecordingHost();
        var sources = new (IItemSource, string)[] { (new BlobContainerSource(container, null), "blob"), (new BlobContainerSource(BlobContainers.FromConnectionString(azurite.ConnectionString, "missing" + Guid.NewGuid().ToString("N")), null), "blob") };
        var summary = await new ItemRetentionCheck().RunAsync(sources, rules, AsOf, detailed: true, host, CancellationToken.None);

        var result = Assert.Single(host.Output.OfType<ItemRetentionResult>());
        Assert.Equal((5, 3, 2, 1), (result.Items, result.Applicable, result.Violations, result.Undetermined));
        Assert.Equal(new[] { "tagged-2020.txt", "withdrawn-2021.txt" }, host.Output.OfType<ItemRetentionViolation>().Select(v => v.ItemName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(host.Output.OfType<ItemRetentionViolation>(), v => Assert.Equal("Purge", v.Action));
        var warning = Assert.Single(host.Warnings);
        Assert.Contains("1 item(s)", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Soeren", warning, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1, 2, 1), (summary.SourcesChecked, summary.Failed, summary.Errors, summary.Violations, summary.Undetermined));
        Assert.Equal(ErrorIds.BlobContainerNotFound, Assert.Single(host.Errors).ErrorId);
    }

    [Theory]
    [InlineData("2024-03-01", true)]
    [InlineData("2024-03-01T12:00:00+02:00", true)]
    [InlineData(" 2024-03-01T12:00:00Z ", true)]
    [InlineData("yesterday", false)]
    [InlineData("", false)]
    public void Metadata_dates_are_iso_8601(string value, bool valid) => Assert.Equal(valid, ItemRetentionCheck.TryParseDate(value, out _));
}
