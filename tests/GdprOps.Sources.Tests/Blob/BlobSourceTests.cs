using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Testing;
using Xunit;

namespace GdprOps.Tests.Sources.Blob;

public sealed class BlobSourceTests : IClassFixture<AzuriteFixture>
{
    private static readonly SubjectProfile Subject = new SubjectProfileBuilder()
        .AddNames(new[] { "Søren Aabye Østergaard" })
        .AddEmails(new[] { "soeren.oestergaard@nordlys.example" })
        .AddNationalIds(new[] { "DK_CPR:010190-1234" })
        .Build();

    private readonly AzuriteFixture azurite;

    public BlobSourceTests(AzuriteFixture azurite) => this.azurite = azurite;

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = BlobContainers.FromConnectionString(azurite.ConnectionString, "c" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        return container;
    }

    private static async Task<RecordingHost> SweepAsync(BlobContainerSource source, SubjectProfile? subject = null)
    {
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(subject ?? Subject, new[] { source }) { ThrottleLimit = 4 }, host).RunAsync(CancellationToken.None);
        return host;
    }

    [Fact]
    public async Task Shards_split_one_container_by_folder_and_blob_by_blob_and_together_find_exactly_what_one_sweep_finds()
    {
        var container = await NewContainerAsync();
        // Most in one folder (a big unit must still spread), some in another, some at the top level.
        string NameOf(int i) => i % 6 == 4 ? $"archive/{i:000}.txt" : i % 6 == 2 ? $"{i:000}.txt" : $"exports/{i:000}.txt";
        await Task.WhenAll(Enumerable.Range(0, 240).Select(i => container.GetBlobClient(NameOf(i))
            .UploadAsync(BinaryData.FromString(i % 4 == 0 ? "Kontakt soeren.oestergaard@nordlys.example" : "nothing personal"))));
        var scope = new GdprOps.Sources.SourceScope { Blobs = new BlobScope { Containers = new[] { container.Name }, ConnectionString = azurite.ConnectionString } };
        async Task<List<string>> FoundAsync(GdprOps.Sweep.ShardSpec? shard)
        {
            scope.Shard = shard;
            var host = new RecordingHost();
            var sources = await scope.ResolveAsync(null, Subject, host, CancellationToken.None);
            await new PersonalDataSweep(new SweepOptions(Subject, sources) { ThrottleLimit = 8 }, host).RunAsync(CancellationToken.None);
            Assert.Empty(host.Errors);
            return host.Findings.Select(f => f.ItemId).ToList();
        }

        var single = await FoundAsync(null);
        Assert.Equal(60, single.Count);
        var parts = new List<List<string>>();
        for (int k = 1; k <= 3; k++)
        {
            parts.Add(await FoundAsync(new GdprOps.Sweep.ShardSpec(k, 3)));
        }

        // One container, spread over all three: each shard has exactly the blobs whose name hashes to it (the container's
        // name is new each run, and so is the split).
        for (int k = 1; k <= 3; k++)
        {
            var spec = new GdprOps.Sweep.ShardSpec(k, 3);
            Assert.Equal(single.Where(id => spec.Owns($"blob:{container.AccountName}/{container.Name}/{id}")).OrderBy(i => i, StringComparer.Ordinal), parts[k - 1].OrderBy(i => i, StringComparer.Ordinal));
        }

        Assert.All(parts, p => Assert.InRange(p.Count, 1, 59));
        Assert.Equal(single.OrderBy(i => i, StringComparer.Ordinal), parts.SelectMany(p => p).OrderBy(i => i, StringComparer.Ordinal)); // none lost, none twice
        Assert.Contains(single, i => i.StartsWith("archive/", StringComparison.Ordinal));
        Assert.Contains(single, i => !i.Contains('/'));
        var units = new List<string>();
        for (int k = 1; k <= 3; k++)
        {
            scope.Shard = new GdprOps.Sweep.ShardSpec(k, 3);
            var sources = await scope.ResolveAsync(null, Subject, new RecordingHost(), CancellationToken.None);
            Assert.Equal(3, sources.Count); // archive/, exports/ and the top level: each checkpointed on its own
            units.AddRange(scope.Units(sources));
        }

        // Each shard's part of each unit is its own: gdprops merge sees no overlap.
        Assert.Equal(9, units.Distinct().Count());
        Assert.Contains(units, u => u.EndsWith("/archive/#2-of-3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shard_of_a_container_that_cannot_be_listed_is_an_error_of_that_container_and_never_a_quiet_empty_part()
    {
        var scope = new GdprOps.Sources.SourceScope
        {
            Blobs = new BlobScope { Containers = new[] { "missing" + Guid.NewGuid().ToString("N") }, ConnectionString = azurite.ConnectionString },
            Shard = new GdprOps.Sweep.ShardSpec(1, 2),
        };
        var host = new RecordingHost();
        var sources = await scope.ResolveAsync(null, Subject, host, CancellationToken.None);
        var checkpointFile = Path.Combine(Path.GetTempPath(), "gdprops-split-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            var checkpoint = SweepCheckpoint.Open(checkpointFile);
            await new PersonalDataSweep(new SweepOptions(Subject, sources) { Checkpoint = checkpoint }, host).RunAsync(CancellationToken.None);
            Assert.Equal(ErrorIds.BlobContainerNotFound, Assert.Single(host.Errors).ErrorId);
            Assert.Equal(0, SweepCheckpoint.Open(checkpointFile).Count); // not done: a resumed run tries it again
        }
        finally
        {
            File.Delete(checkpointFile);
        }
    }

    [Fact]
    public async Task Planted_blobs_are_found_in_text_docx_pdf_metadata_and_index_tags_and_nothing_else()
    {
        var container = await NewContainerAsync();
        await container.UploadBlobAsync("notes/call.txt", BinaryData.FromString("Call from Søren Aabye Østergaard today."));
        await container.UploadBlobAsync("hr/contract.docx", BinaryData.FromBytes(TestDocuments.Docx("Contract, CPR 010190-1234.")));
        await container.UploadBlobAsync("billing/invoice.pdf", BinaryData.FromBytes(TestDocuments.Pdf("Invoice to soeren.oestergaard@nordlys.example")));
        var meta = container.GetBlobClient("scans/0001.bin");
        await meta.UploadAsync(BinaryData.FromBytes(new byte[] { 1, 2, 3 }), new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["owner"] = "Soeren Aabye Oestergaard" } });
        var tagged = container.GetBlobClient("scans/0002.txt");
        await tagged.UploadAsync(BinaryData.FromString("nothing here"), new BlobUploadOptions { Tags = new Dictionary<string, string> { ["customer"] = "010190-1234" } });
        await container.UploadBlobAsync("other/menu.txt", BinaryData.FromString("Lunch menu: soup."));

        var host = await SweepAsync(new BlobContainerSource(container, null));

        var found = host.Findings.Where(f => f.Status == ScanStatus.Scanned).ToDictionary(f => f.ItemId);
        Assert.Equal(new[] { "billing/invoice.pdf", "hr/contract.docx", "notes/call.txt", "scans/0002.txt" }, found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("Metadata:tag:customer", found["scans/0002.txt"].Where, StringComparison.Ordinal);
        Assert.All(found.Values, f => Assert.Equal(SourceKind.Blob, f.SourceKind));
        Assert.All(found.Values, f => Assert.False(string.IsNullOrEmpty(f.Version)));
        // The .bin blob has a type the engine does not read; its metadata was still checked.
        var unread = Assert.Single(host.Findings, f => f.ItemId == "scans/0001.bin");
        Assert.Contains("Metadata:owner", unread.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exported_blobs_are_the_original_bytes_under_safe_names()
    {
        var container = await NewContainerAsync();
        byte[] docx = TestDocuments.Docx("Contract, CPR 010190-1234.");
        await container.UploadBlobAsync("hr/CON.docx", BinaryData.FromBytes(docx));
        var host = await SweepAsync(new BlobContainerSource(container, null));
        using var dir = new GdprOps.Tests.Shared.TempFolder();
        string package = System.IO.Path.Combine(dir.Path, "pkg");
        var summary = await new GdprOps.Export.Package.SubjectExporter(new GdprOps.Export.Package.SubjectExportOptions(package), new GdprOps.Sources.SourceItemReader(null, azurite.ConnectionString), new RecordingHost())
            .RunAsync(host.Findings, CancellationToken.None);
        Assert.Equal(1, summary.Items);
        var file = Assert.Single(Directory.GetFiles(System.IO.Path.Combine(package, "items"), "*", SearchOption.AllDirectories));
        Assert.Equal(docx, File.ReadAllBytes(file));
        Assert.EndsWith("_CON.docx", file, StringComparison.Ordinal);
    }

    /// <summary>Answers deletes of one blob the way the real service does under a legal hold (Azurite has no holds).</summary>
    private sealed class LegalHoldTransport(Azure.Core.Pipeline.HttpClientTransport inner, string blobName) : Azure.Core.Pipeline.HttpPipelineTransport
    {
        public override Azure.Core.Request CreateRequest() => inner.CreateRequest();

        public override void Process(Azure.Core.HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(Azure.Core.HttpMessage message)
        {
            if (message.Request.Method == Azure.Core.RequestMethod.Delete && message.Request.Uri.Path.EndsWith("/" + blobName, StringComparison.Ordinal))
            {
                message.Response = new HoldResponse(message.Request.ClientRequestId);
                return;
            }

            await inner.ProcessAsync(message);
            if (message.Request.Method == Azure.Core.RequestMethod.Head && message.Request.Uri.Path.EndsWith("/" + blobName, StringComparison.Ordinal))
            {
                // What the real service adds to the properties of a blob under a legal hold.
                message.Response = new WithHeader(message.Response, "x-ms-legal-hold", "true");
            }
        }
    }

    /// <summary>A real response with one header added.</summary>
    private sealed class WithHeader(Azure.Response inner, string name, string value) : Azure.Response
    {
        public override int Status => inner.Status;

        public override string ReasonPhrase => inner.ReasonPhrase;

        public override Stream? ContentStream { get => inner.ContentStream; set => inner.ContentStream = value; }

        public override string ClientRequestId { get => inner.ClientRequestId; set => inner.ClientRequestId = value; }

        public override void Dispose() => inner.Dispose();

        protected override bool ContainsHeader(string header) => string.Equals(header, name, StringComparison.OrdinalIgnoreCase) || inner.Headers.Contains(header);

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => inner.Headers.Append(new Azure.Core.HttpHeader(name, value));

        protected override bool TryGetHeader(string header, out string result)
        {
            if (string.Equals(header, name, StringComparison.OrdinalIgnoreCase))
            {
                result = value;
                return true;
            }

            return inner.Headers.TryGetValue(header, out result!);
        }

        protected override bool TryGetHeaderValues(string header, out IEnumerable<string> values)
        {
            if (string.Equals(header, name, StringComparison.OrdinalIgnoreCase))
            {
                values = new[] { value };
                return true;
            }

            return inner.Headers.TryGetValues(header, out values!);
        }
    }

    private sealed class HoldResponse(string clientRequestId) : Azure.Response
    {
        private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase) { ["x-ms-error-code"] = "BlobImmutableDueToLegalHold" };

        public override int Status => 409;

        public override string ReasonPhrase => "Conflict";

        public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobImmutableDueToLegalHold</Code><Message>This operation is not permitted as the blob is immutable due to a legal hold.</Message></Error>"));

        public override string ClientRequestId { get => clientRequestId; set { } }

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => headers.Select(h => new Azure.Core.HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, out string value) => headers.TryGetValue(name, out value!);

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            bool found = headers.TryGetValue(name, out string? value);
            values = found ? new[] { value! } : Array.Empty<string>();
            return found;
        }
    }

    [Fact]
    public async Task Removal_deletes_with_the_etag_skips_changed_blobs_and_keeps_those_under_legal_hold()
    {
        var container = await NewContainerAsync();
        foreach (string name in new[] { "gone.txt", "changed.txt", "held.txt" })
        {
            await container.UploadBlobAsync(name, BinaryData.FromString("Søren Aabye Østergaard, CPR 010190-1234"));
        }

        var findings = (await SweepAsync(new BlobContainerSource(container, null))).Findings.ToList();
        await container.GetBlobClient("changed.txt").UploadAsync(BinaryData.FromString("Søren Aabye Østergaard, updated"), overwrite: true);
        var options = new BlobClientOptions { Transport = new LegalHoldTransport(new Azure.Core.Pipeline.HttpClientTransport(), "held.txt") };
        var remover = new GdprOps.Sources.SourceItemRemover(null, azurite.ConnectionString, options);
        var results = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(Subject), remover, new RecordingHost()).RunAsync(findings, CancellationToken.None);

        Assert.Equal(GdprOps.Removal.RemovalOutcome.Removed, results.Single(r => r.ItemId == "gone.txt").Outcome);
        Assert.Equal(GdprOps.Removal.RemovalOutcome.SkippedChanged, results.Single(r => r.ItemId == "changed.txt").Outcome);
        var held = results.Single(r => r.ItemId == "held.txt");
        Assert.Equal(GdprOps.Removal.RemovalOutcome.Retained, held.Outcome);
        Assert.Contains("BlobImmutableDueToLegalHold", held.Detail, StringComparison.Ordinal);
        Assert.False(await container.GetBlobClient("gone.txt").ExistsAsync());
        Assert.True(await container.GetBlobClient("held.txt").ExistsAsync());

        // The -WhatIf pre-flight tells the hold before anything is tried.
        Assert.Equal("a legal hold", await remover.RetentionReasonAsync(findings.Single(f => f.ItemId == "held.txt"), CancellationToken.None));
        Assert.Null(await remover.RetentionReasonAsync(findings.Single(f => f.ItemId == "changed.txt"), CancellationToken.None));
    }

    [Fact]
    public async Task Purge_deletes_the_blob_and_says_what_it_could_do_about_versions()
    {
        var container = await NewContainerAsync();
        await container.UploadBlobAsync("v.txt", BinaryData.FromString("Søren Aabye Østergaard"));
        await container.GetBlobClient("v.txt").CreateSnapshotAsync();
        var findings = (await SweepAsync(new BlobContainerSource(container, null))).Findings.ToList();
        var result = Assert.Single(await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(Subject) { Mode = GdprOps.Removal.RemovalMode.Purge, IncludeLowConfidence = true },
            new GdprOps.Sources.SourceItemRemover(null, azurite.ConnectionString), new RecordingHost()).RunAsync(findings, CancellationToken.None));
        Assert.Equal(GdprOps.Removal.RemovalOutcome.Removed, result.Outcome);
        Assert.Contains("version", result.Detail, StringComparison.Ordinal);
        Assert.Empty(await container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Snapshots }).ToListAsync());
    }

    [Fact]
    public async Task A_prefix_limits_the_listing()
    {
        var container = await NewContainerAsync();
        await container.UploadBlobAsync("a/one.txt", BinaryData.FromString("Søren Aabye Østergaard"));
        await container.UploadBlobAsync("b/two.txt", BinaryData.FromString("Søren Aabye Østergaard"));
        var host = await SweepAsync(new BlobContainerSource(container, "b/"));
        Assert.Equal("b/two.txt", Assert.Single(host.Findings).ItemId);
    }

    [Fact]
    public async Task A_container_the_credentials_cannot_read_is_a_clear_error_without_the_sas()
    {
        var container = await NewContainerAsync();
        await container.UploadBlobAsync("x.txt", BinaryData.FromString("x"));
        var sas = container.GenerateSasUri(BlobContainerSasPermissions.Write, DateTimeOffset.UtcNow.AddHours(1));
        var writeOnly = BlobContainers.FromUri(sas);
        var source = new BlobContainerSource(writeOnly, null);
        Assert.DoesNotContain("sig=", source.DisplayName, StringComparison.Ordinal);

        var host = await SweepAsync(source);
        var error = Assert.Single(host.Errors);
        Assert.Equal(ErrorIds.BlobAccessDenied, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.DoesNotContain("sig=", host.AllText, StringComparison.Ordinal);

        var missing = BlobContainers.FromConnectionString(azurite.ConnectionString, "does-not-exist");
        var notFound = await SweepAsync(new BlobContainerSource(missing, null));
        Assert.Equal(ErrorIds.BlobContainerNotFound, Assert.Single(notFound.Errors).ErrorId);
    }

    [Fact]
    public async Task A_blob_replaced_after_listing_is_reported_not_mixed_up()
    {
        var container = await NewContainerAsync();
        await container.UploadBlobAsync("doc.txt", BinaryData.FromString("Søren Aabye Østergaard"));
        var source = new BlobContainerSource(container, null);
        var listed = new List<GdprOps.Sources.SourceItem>();
        await foreach (var item in source.EnumerateAsync(new RecordingHost(), CancellationToken.None))
        {
            listed.Add(item);
        }

        await container.GetBlobClient("doc.txt").UploadAsync(BinaryData.FromString("replaced"), overwrite: true);
        var error = await Assert.ThrowsAsync<GdprOps.Sources.SourceItemException>(() => source.OpenReadAsync(listed[0], CancellationToken.None));
        Assert.Equal(ErrorIds.BlobReadFailed, error.ErrorId);
    }
}
