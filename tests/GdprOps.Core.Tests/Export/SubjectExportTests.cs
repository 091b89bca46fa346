using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

public sealed class SubjectExportTests
{
    private static readonly SubjectProfile Subject = SubjectProfileFile.Load(TestPaths.SampleSubject);

    /// <summary>Serves bytes per item id; can fail on chosen items or stop after a number of reads.</summary>
    private sealed class FakeReader : IItemReader
    {
        private readonly Dictionary<string, byte[]> content;

        public FakeReader(Dictionary<string, byte[]> content) => this.content = content;

        public ConcurrentBag<string> Reads { get; } = new();

        public HashSet<string> Failing { get; } = new();

        public int? CancelAfter { get; set; }

        public CancellationTokenSource? Cancel { get; set; }

        public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken)
        {
            if (CancelAfter is { } limit && Reads.Count >= limit)
            {
                Cancel!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            Reads.Add(finding.ItemId);
            if (Failing.Contains(finding.ItemId))
            {
                throw new SourceItemException(ErrorIds.FileAccessDenied, ErrorKind.PermissionDenied, "Access to the file was denied.");
            }

            return Task.FromResult<Stream>(new MemoryStream(content[finding.ItemId]));
        }
    }

    private static Finding Blob(string name, ScanStatus status = ScanStatus.Scanned, string matches = "Email") => new()
    {
        SourceKind = SourceKind.Blob, Source = "acct/container", ItemId = name, ItemName = Path.GetFileName(name), ItemUri = "https://acct.blob.core.windows.net/container/" + name,
        Status = status, SubjectMatches = matches, Categories = "EMAIL",
    };

    private static async Task<(SubjectExportSummary Summary, RecordingHost Host)> Export(string path, IReadOnlyList<Finding> findings, IItemReader reader,
        Action<SubjectExportOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new SubjectExportOptions(path) { CaseId = "DSAR-2026-0042", Subject = Subject, ReceivedOn = new DateTime(2026, 1, 31), AuditLog = new AuditLog(Path.Combine(Path.GetDirectoryName(path)!, "audit.log")) };
        configure?.Invoke(options);
        var host = new RecordingHost();
        var summary = await new SubjectExporter(options, reader, host).RunAsync(findings, cancellationToken);
        return (summary, host);
    }

    [Fact]
    public async Task A_file_share_export_copies_every_item_byte_for_byte_and_verifies()
    {
        using var dir = new TempFolder();
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(TestPaths.SampleShare, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        string package = Path.Combine(dir.Path, "DSAR-2026-0042");
        var (summary, exportHost) = await Export(package, host.Findings, new SourceItemReader(null));

        Assert.Equal(6, summary.Items);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(new DateTime(2026, 2, 28), summary.DueOn);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement;
        Assert.Equal("DSAR-2026-0042", manifest.GetProperty("package").GetProperty("caseId").GetString());
        Assert.Equal("2026-02-28", manifest.GetProperty("package").GetProperty("dueOn").GetString());
        foreach (var item in manifest.GetProperty("items").EnumerateArray())
        {
            string original = host.Findings.Single(f => f.ItemId == item.GetProperty("itemId").GetString()).ItemUri;
            Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(Path.Combine(package, item.GetProperty("file").GetString()!)));
        }

        Assert.True(SubjectExportVerifier.Verify(package).Valid);
        string readme = File.ReadAllText(Path.Combine(package, "README.html"));
        Assert.Contains("28 February 2026", readme, StringComparison.Ordinal);
        Assert.Contains("<p>6 items, in the folder", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("@", readme, StringComparison.Ordinal);
        Assert.DoesNotContain(".pdf", readme, StringComparison.Ordinal);
        Assert.Contains("File,SourceKind", File.ReadAllText(Path.Combine(package, "manifest.csv")), StringComparison.Ordinal);
        Assert.DoesNotContain("oestergaard", exportHost.AllText, StringComparison.OrdinalIgnoreCase);

        var audit = new AuditLog(Path.Combine(dir.Path, "audit.log"));
        var line = Assert.Single(audit.Read());
        Assert.Equal("Export", line.Action);
        Assert.Equal("DSAR-2026-0042", line.CaseId);
        Assert.Equal("Succeeded", line.Outcome);
        Assert.Contains("items=6", line.Counts, StringComparison.Ordinal);
        Assert.Equal(audit.SubjectHashFor(Subject.GetIdentifiers().Select(i => i.Kind + ":" + i.Value)), line.SubjectHash);
        Assert.True(audit.Verify().Valid);
    }

    [Fact]
    public async Task An_audit_log_that_cannot_be_written_stops_the_export_before_anything_is_copied()
    {
        using var dir = new TempFolder();
        string blocker = dir.File("not-a-folder", "a file where the audit log's folder should be");
        string package = Path.Combine(dir.Path, "DSAR-2026-0042");
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(TestPaths.SampleShare, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<GdprOpsException>(() => Export(package, host.Findings, new SourceItemReader(null),
            o => o.AuditLog = new AuditLog(Path.Combine(blocker, "audit.log"))));
        Assert.Equal(ErrorIds.AuditLogWriteFailed, refused.ErrorId);
        Assert.False(Directory.Exists(package) && Directory.EnumerateFileSystemEntries(package).Any(), "no personal data may leave without its audit line");
    }

    [Fact]
    public async Task Hostile_names_stay_inside_the_package_and_never_collide()
    {
        using var dir = new TempFolder();
        string[] names = { "../../escape.txt", "..\\..\\win.txt", "CON.txt", "nul", "a:b?c*.txt", "trailing. ", "dup.txt", "DUP.txt", new string('x', 300) + ".txt", "/abs/path.txt", "ok/../../x.txt" };
        var reader = new FakeReader(names.ToDictionary(n => n, n => Encoding.UTF8.GetBytes("content of " + n)));
        string package = Path.Combine(dir.Path, "pkg");
        var (summary, _) = await Export(package, names.Select(n => Blob(n)).ToList(), reader);

        Assert.Equal(names.Length, summary.Items);
        var files = Directory.EnumerateFiles(package, "*", SearchOption.AllDirectories).ToList();
        Assert.All(files, f => Assert.StartsWith(Path.GetFullPath(package) + Path.DirectorySeparatorChar, Path.GetFullPath(f), StringComparison.Ordinal));
        var items = files.Where(f => f.Contains(Path.DirectorySeparatorChar + "items" + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Length, items.Count);
        Assert.Equal(items.Count, items.Select(f => f.ToLowerInvariant()).Distinct().Count());
        Assert.All(items, f => Assert.All(Path.GetRelativePath(package, f).Split(Path.DirectorySeparatorChar), segment =>
        {
            Assert.True(segment.Length <= SafeFileName.MaxSegmentLength);
            Assert.NotEqual("..", segment);
            Assert.False(segment.Split('.')[0].Equals("CON", StringComparison.OrdinalIgnoreCase) || segment.Split('.')[0].Equals("NUL", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(':', segment);
            Assert.False(segment.EndsWith('.') || segment.EndsWith(' '));
        }));
        Assert.True(SubjectExportVerifier.Verify(package).Valid);
    }

    [Fact]
    public async Task Tampering_is_reported_as_missing_altered_and_extra()
    {
        using var dir = new TempFolder();
        var reader = new FakeReader(new Dictionary<string, byte[]> { ["a.txt"] = new byte[] { 1 }, ["b.txt"] = new byte[] { 2 }, ["c.txt"] = new byte[] { 3 } });
        string package = Path.Combine(dir.Path, "pkg");
        await Export(package, new[] { Blob("a.txt"), Blob("b.txt"), Blob("c.txt") }, reader);
        string items = Path.Combine(package, "items", "blobs", "acct", "container");
        File.WriteAllBytes(Path.Combine(items, "a.txt"), new byte[] { 9 });
        File.Delete(Path.Combine(items, "b.txt"));
        File.WriteAllText(Path.Combine(items, "planted.txt"), "x");

        var result = SubjectExportVerifier.Verify(package);
        Assert.False(result.Valid);
        Assert.Equal((1, 1, 1), (result.Missing, result.Altered, result.Extra));
        Assert.Contains("Altered: items/blobs/acct/container/a.txt", result.Problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_export_resumes_without_reading_finished_items_again()
    {
        using var dir = new TempFolder();
        var content = Enumerable.Range(0, 10).ToDictionary(i => $"f{i}.txt", i => Encoding.UTF8.GetBytes(new string('z', 1000 + i)));
        var findings = content.Keys.Select(k => Blob(k)).ToList();
        string package = Path.Combine(dir.Path, "pkg");
        using var cancel = new CancellationTokenSource();
        var first = new FakeReader(content) { CancelAfter = 4, Cancel = cancel };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Export(package, findings, first, cancellationToken: cancel.Token));
        Assert.False(File.Exists(Path.Combine(package, "manifest.json")));

        var refused = await Assert.ThrowsAsync<GdprOpsException>(() => Export(package, findings, new FakeReader(content)));
        Assert.Equal(ErrorIds.ExportPathInvalid, refused.ErrorId);

        var second = new FakeReader(content);
        var (summary, _) = await Export(package, findings, second, o => o.Resume = true);
        Assert.Equal(10, summary.Items);
        Assert.Equal(4, summary.Resumed);
        Assert.Equal(6, second.Reads.Count);
        Assert.DoesNotContain(first.Reads, second.Reads.Contains);
        Assert.True(SubjectExportVerifier.Verify(package).Valid);

        var audit = new AuditLog(Path.Combine(dir.Path, "audit.log")).Read();
        Assert.Equal(new[] { "Stopped", "Succeeded" }, audit.Select(a => a.Outcome));
        Assert.Contains("items=4", audit[0].Counts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_items_are_reported_listed_and_unverified_ones_left_out()
    {
        using var dir = new TempFolder();
        var reader = new FakeReader(new Dictionary<string, byte[]> { ["ok.txt"] = new byte[] { 1 }, ["locked.txt"] = new byte[] { 2 }, ["other.bin"] = new byte[] { 3 } });
        reader.Failing.Add("locked.txt");
        string package = Path.Combine(dir.Path, "pkg");
        var unread = Blob("other.bin", ScanStatus.NotScanned, matches: string.Empty);
        unread.StatusReason = "Not read: Access to the item was denied. (FileAccessDenied)";
        var (summary, host) = await Export(package, new[] { Blob("ok.txt"), Blob("locked.txt"), unread }, reader);

        Assert.Equal((1, 1, 1), (summary.Items, summary.Failed, summary.NotVerified));
        // What the sweep could not read is not exported, but the DPO is told the package may be incomplete and where.
        string review = File.ReadAllText(summary.ReviewPath);
        Assert.Contains("1 item not searched for the person", review, StringComparison.Ordinal);
        Assert.Contains("<td>https://acct.blob.core.windows.net/container/other.bin</td><td>Not read: Access to the item was denied. (FileAccessDenied)</td>", review, StringComparison.Ordinal);
        Assert.Contains(host.Warnings, w => w.StartsWith("1 item could not be searched for the person", StringComparison.Ordinal) && w.Contains(summary.ReviewPath, StringComparison.Ordinal));
        Assert.DoesNotContain("other.bin", File.ReadAllText(Path.Combine(package, "manifest.json")), StringComparison.Ordinal);
        var error = Assert.Single(host.Errors);
        Assert.Equal(ErrorIds.FileAccessDenied, error.ErrorId);
        Assert.DoesNotContain("other.bin", reader.Reads);
        var failures = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement.GetProperty("failures");
        Assert.Equal(1, failures.GetArrayLength());
        Assert.Equal("CompletedWithErrors", Assert.Single(new AuditLog(Path.Combine(dir.Path, "audit.log")).Read()).Outcome);

        // The cover letter counts as a person reads: one item, not "1 items".
        string readme = File.ReadAllText(Path.Combine(package, "README.html"));
        Assert.Contains("<p>1 item, in the folder", readme, StringComparison.Ordinal);
        Assert.Contains("1 item could not be copied; the reason is in manifest.json", readme, StringComparison.Ordinal);
        Assert.DoesNotContain("1 items", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zipped_package_replaces_the_folder_and_still_verifies()
    {
        using var dir = new TempFolder();
        var reader = new FakeReader(new Dictionary<string, byte[]> { ["a.txt"] = new byte[] { 1, 2, 3 } });
        string package = Path.Combine(dir.Path, "pkg");
        var (summary, _) = await Export(package, new[] { Blob("a.txt") }, reader, o => o.Zip = true);
        Assert.Equal(package + ".zip", summary.ZipPath);
        Assert.False(Directory.Exists(package));
        Assert.True(SubjectExportVerifier.Verify(summary.ZipPath!).Valid);
    }

    [Fact]
    public async Task A_split_package_keeps_each_part_under_the_size_and_verifies_as_a_whole()
    {
        using var dir = new TempFolder();
        var content = Enumerable.Range(0, 7).ToDictionary(i => $"f{i}.bin", i => Enumerable.Repeat((byte)i, 400).ToArray());
        string package = Path.Combine(dir.Path, "pkg");
        var (summary, _) = await Export(package, content.Keys.Select(k => Blob(k)).ToList(), new FakeReader(content), o => o.SplitSize = 1000);

        Assert.Equal(4, summary.Parts);
        Assert.Equal(package + ".part01.zip", summary.ZipPath);
        for (int part = 1; part <= 4; part++)
        {
            using var zip = System.IO.Compression.ZipFile.OpenRead($"{package}.part{part:D2}.zip");
            Assert.True(zip.Entries.Where(e => e.FullName.StartsWith("items/", StringComparison.Ordinal)).Sum(e => e.Length) <= 1000);
            Assert.Equal(part == 1, zip.GetEntry("manifest.json") is not null);
        }

        Assert.True(SubjectExportVerifier.Verify(package + ".part03.zip").Valid);
        File.Delete(package + ".part04.zip");
        var broken = SubjectExportVerifier.Verify(package + ".part01.zip");
        Assert.Equal(1, broken.Missing);
    }

    [Fact]
    public async Task An_encrypted_package_opens_only_with_the_recipients_private_key()
    {
        using var dir = new TempFolder();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Data Subject", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(withKey.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        var reader = new FakeReader(new Dictionary<string, byte[]> { ["a.txt"] = Encoding.UTF8.GetBytes("secret about the subject") });
        string package = Path.Combine(dir.Path, "pkg");
        var (summary, _) = await Export(package, new[] { Blob("a.txt") }, reader, o => o.EncryptTo = publicOnly);

        Assert.Equal(package + ".zip.p7m", summary.EncryptedPath);
        Assert.False(File.Exists(package + ".zip"));
        Assert.False(Directory.Exists(package));
        byte[] sealedBytes = File.ReadAllBytes(summary.EncryptedPath!);
        Assert.DoesNotContain("secret about", Encoding.UTF8.GetString(sealedBytes), StringComparison.Ordinal);

        var envelope = new System.Security.Cryptography.Pkcs.EnvelopedCms();
        envelope.Decode(sealedBytes);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => envelope.Decrypt(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(publicOnly)));
        envelope.Decrypt(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(withKey));
        string opened = Path.Combine(dir.Path, "opened.zip");
        File.WriteAllBytes(opened, envelope.ContentInfo.Content);
        Assert.True(SubjectExportVerifier.Verify(opened).Valid);
    }

    [Fact]
    public async Task A_killed_EncryptTo_run_leaves_no_plaintext_where_the_package_goes_and_the_next_run_removes_its_staging()
    {
        using var dir = new TempFolder();
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Data Subject", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var content = Enumerable.Range(0, 10).ToDictionary(i => $"f{i}.txt", i => Encoding.UTF8.GetBytes("secret about the subject " + i));
        var findings = content.Keys.Select(k => Blob(k)).ToList();
        string package = Path.Combine(dir.Path, "pkg");
        string staging = Path.Combine(dir.Path, ".pkg.gdprops-staging");
        using var cancel = new CancellationTokenSource();

        // Stopped in the middle (as a kill would leave it: no clean-up ran).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Export(package, findings, new FakeReader(content) { CancelAfter = 4, Cancel = cancel }, o => o.EncryptTo = certificate, cancel.Token));
        Assert.False(Directory.Exists(package));
        Assert.False(File.Exists(package + ".zip"));
        Assert.True(Directory.Exists(staging));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(staging));
        }

        var (summary, host) = await Export(package, findings, new FakeReader(content), o => o.EncryptTo = certificate);

        Assert.False(Directory.Exists(staging));
        Assert.Contains(host.Verbose, v => v.Contains("staging folder a stopped export left behind", StringComparison.Ordinal));
        Assert.Equal(new[] { "audit.log", "audit.log.anchor", "pkg.review.html", "pkg.zip.p7m" }, Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        // The DPO's review page beside a sealed package names no item: only its place in the manifest.
        Assert.DoesNotContain(".txt", File.ReadAllText(summary.ReviewPath), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("secret about", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(summary.EncryptedPath!));
        }
    }

    [Fact]
    public async Task A_package_is_owner_only_and_a_recomputed_or_disagreeing_manifest_is_caught()
    {
        using var dir = new TempFolder();
        var reader = new FakeReader(new Dictionary<string, byte[]> { ["a.txt"] = Encoding.UTF8.GetBytes("about the subject"), ["b.txt"] = Encoding.UTF8.GetBytes("more") });
        string package = Path.Combine(dir.Path, "pkg");
        var (summary, _) = await Export(package, new[] { Blob("a.txt"), Blob("b.txt") }, reader);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(package));
            foreach (string file in Directory.GetFiles(package, "*", SearchOption.AllDirectories))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }

        Assert.Matches("^[0-9a-f]{64}$", summary.ManifestSha256);
        Assert.Contains("manifest-sha256:" + summary.ManifestSha256, new AuditLog(Path.Combine(dir.Path, "audit.log")).Read().Last().Scope, StringComparison.Ordinal);
        Assert.True(SubjectExportVerifier.Verify(package, summary.ManifestSha256).Valid);

        // Alter an item and recompute manifest.json to match: the file check passes, the recorded hash does not.
        string item = Directory.GetFiles(Path.Combine(package, "items"), "a.txt", SearchOption.AllDirectories).Single();
        File.WriteAllText(item, "something else");
        string manifestPath = Path.Combine(package, "manifest.json");
        string newHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(item))).ToLowerInvariant();
        string oldHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("about the subject"))).ToLowerInvariant();
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace(oldHash, newHash, StringComparison.Ordinal));
        var recomputed = SubjectExportVerifier.Verify(package, summary.ManifestSha256);
        Assert.False(recomputed.Valid);
        Assert.Contains("Altered: manifest.json", recomputed.Problems, StringComparison.Ordinal);
        // Without the recorded hash, manifest.csv (not recomputed) still disagrees with manifest.json.
        var disagreeing = SubjectExportVerifier.Verify(package);
        Assert.False(disagreeing.Valid);
        Assert.Contains("Differs: manifest.csv and manifest.json disagree", disagreeing.Problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_is_exported_only_when_it_leads_inside_the_share_and_reported_otherwise()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string inside = dir.File("share/real.txt", "soeren.oestergaard@nordlys.example inside");
        string outside = dir.File("elsewhere/secret.txt", "soeren.oestergaard@nordlys.example outside");
        File.CreateSymbolicLink(Path.Combine(share, "to-inside.txt"), inside);
        File.CreateSymbolicLink(Path.Combine(share, "to-outside.txt"), outside);
        Finding Row(string name) => new()
        {
            SourceKind = SourceKind.FileShare, Source = share, ItemId = name, ItemName = name, ItemUri = Path.Combine(share, name),
            Status = ScanStatus.Scanned, SubjectMatches = "Email",
        };

        var (summary, host) = await Export(Path.Combine(dir.Path, "pkg"), new[] { Row("to-inside.txt"), Row("to-outside.txt") }, new SourceItemReader(null));

        Assert.Equal(1, summary.Items);
        Assert.Equal(1, summary.Failed);
        Assert.Contains(host.Errors, e => e.ErrorId == ErrorIds.SpecialFile);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(dir.Path, "pkg"), "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains("outside", StringComparison.Ordinal) && f.EndsWith(".txt", StringComparison.Ordinal));
    }

    [Fact]
    public void Safe_names_cover_the_reserved_and_odd_cases()
    {
        Assert.Equal("_CON.txt", SafeFileName.Segment("CON.txt"));
        Assert.Equal("_com1", SafeFileName.Segment("com1"));
        Assert.Equal("a_b_c_.txt", SafeFileName.Segment("a:b?c*.txt"));
        Assert.Equal("item", SafeFileName.Segment(".."));
        Assert.Equal("item", SafeFileName.Segment("   "));
        Assert.Equal("x/y.txt", SafeFileName.RelativePath("/x//y.txt"));
        Assert.Equal("item/item/x.txt", SafeFileName.RelativePath("../../x.txt"));
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Assert.Equal("a/b.txt", SafeFileName.Unique("a/b.txt", taken));
        Assert.Equal("a/B (2).txt", SafeFileName.Unique("a/B.txt", taken));
    }
}
