using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Export.Package;

/// <summary>
/// Writes a subject access / portability package: every item as the person needs it (mail as .eml, files and
/// blobs as their bytes) under items/, streamed to disk with its SHA-256, then manifest.json, manifest.csv and a
/// plain-language README.html. A journal records each finished item, so an interrupted export resumes without
/// reading finished items again. One audit line per export. In partial files: Folder (new or resumed), ThirdParty,
/// Archive (zip, parts, CMS) and Manifest (manifests, my-data.json, cover letter, audit).
/// </summary>
public sealed partial class SubjectExporter
{
    public const string ManifestJson = "manifest.json";
    public const string ManifestCsv = "manifest.csv";
    public const string Readme = "README.html";
    public const string Journal = ".export-journal.jsonl";
    /// <summary>The DPO's review page, written beside the package (never inside it: the package goes to the person).</summary>
    public const string ReviewSuffix = ".review.html";
    /// <summary>EnvelopedCms encrypts in memory: bound the package size it is asked to wrap.</summary>
    public const long MaxEncryptedBytes = 1L << 30;

    private readonly SubjectExportOptions _options;
    private readonly IItemReader _reader;
    private readonly IRunHost _host;
    private readonly ThirdPartyScanner? _thirdParty;

    public SubjectExporter(SubjectExportOptions options, IItemReader reader, IRunHost host)
    {
        _options = options;
        _reader = reader;
        _host = host;
        _thirdParty = options.Subject is null ? null : new ThirdPartyScanner(options.Subject);
    }

    public async Task<SubjectExportSummary> RunAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken)
    {
        // Every export is in the audit log: a log that cannot be written stops the export before a byte is copied.
        _options.AuditLog?.EnsureWritable();
        string target = Path.GetFullPath(_options.Path).TrimEnd(Path.DirectorySeparatorChar);
        // With -EncryptTo no plaintext may stay where the package goes: the items are gathered in a hidden staging
        // folder beside it (owner-only), removed when the sealed package is written and, if a run is killed, at the
        // start of the next one.
        string root = _options.EncryptTo is null ? target : Path.Combine(Path.GetDirectoryName(target) ?? ".", "." + Path.GetFileName(target) + ".gdprops-staging");
        if (_options.EncryptTo is not null && !_options.Resume && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
            _host.WriteVerbose("Removed the plaintext staging folder a stopped export left behind.");
        }

        if (_thirdParty is null)
        {
            _host.WriteWarning("Without -Subject the package is not checked for other people's personal data (GDPR Art. 15(4)): review every item before sending it.");
        }

        var done = PrepareFolder(root);
        var unique = Deduplicate(findings);
        var exportable = unique.Where(Concerns).ToList();
        int notVerified = unique.Count - exportable.Count;
        var taken = new HashSet<string>(done.Values.Select(i => i.File), StringComparer.OrdinalIgnoreCase);
        var items = new List<ExportedItem>();
        var failures = new List<(Finding Finding, string Reason)>();
        int resumed = 0;
        long bytes = 0;
        string outcome = "Stopped";
        string? manifestHash = null;
        try
        {
            for (int i = 0; i < exportable.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var finding = exportable[i];
                string key = Key(finding);
                _host.WriteProgress(new RunProgress(_options.Command, string.Format(CultureInfo.InvariantCulture, "{0} of {1} items, {2:0.0} MB", i, exportable.Count, bytes / 1048576.0),
                    finding.SourceKind + " item " + (i + 1).ToString(CultureInfo.InvariantCulture), exportable.Count == 0 ? 100 : 100 * i / exportable.Count));
                if (done.TryGetValue(key, out var previous) && File.Exists(Path.Combine(root, previous.File)) && new FileInfo(Path.Combine(root, previous.File)).Length == previous.Size)
                {
                    items.Add(previous);
                    bytes += previous.Size;
                    resumed++;
                    if (done.TryGetValue(key + RedactedKey, out var copy) && File.Exists(Path.Combine(root, copy.File)))
                    {
                        items.Add(copy);
                    }

                    continue;
                }

                string relative = SafeFileName.Unique("items/" + RelativePathFor(finding), taken);
                try
                {
                    var item = await CopyAsync(finding, root, relative, cancellationToken).ConfigureAwait(false);
                    await CheckThirdPartyAsync(root, item, cancellationToken).ConfigureAwait(false);
                    items.Add(item);
                    bytes += item.Size;
                    AppendJournal(root, key, item);
                    if (WriteRedactedCopy(root, item, taken) is { } copy)
                    {
                        items.Add(copy);
                        AppendJournal(root, key + RedactedKey, copy);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GdprOpsException)
                {
                    taken.Remove(relative);
                    string reason = ex is SourceItemException or GdprOpsException ? ex.Message : "The item could not be read: " + ex.GetType().Name + ".";
                    failures.Add((finding, reason));
                    _host.WriteItemError(new ItemError(ex is SourceItemException source ? source.ErrorId : ErrorIds.ExportItemFailed,
                        ex is SourceItemException s2 ? s2.Kind : ErrorKind.ReadError, finding.ItemUri, reason, ex));
                }
            }

            if (_options.SplitSize is { } split)
            {
                AssignParts(items, split);
            }

            var portable = WritePortableData(root, items);
            WriteManifest(root, items, failures, notVerified, portable);
            manifestHash = Sha256Of(Path.Combine(root, ManifestJson));

            WriteReadme(root, items, failures, unique);
            // The journal only serves a stopped run; a finished package is resumed from its manifest.
            File.Delete(Path.Combine(root, Journal));
            outcome = failures.Count == 0 ? "Succeeded" : "CompletedWithErrors";
        }
        finally
        {
            _host.WriteProgress(new RunProgress(_options.Command, "done", null, 100, Completed: true));
            if (outcome == "Stopped")
            {
                Audit(target, items.Count(IsOriginal), bytes, failures.Count, outcome);
            }
        }

        var archives = new List<string>();
        bool zipped = _options.Zip || _options.EncryptTo is not null || _options.SplitSize is not null;
        long largestArchive = _options.SplitSize is null ? bytes : items.GroupBy(i => i.Part).Select(g => g.Sum(i => i.Size)).DefaultIfEmpty(0).Max();
        if (_options.EncryptTo is not null && largestArchive > MaxEncryptedBytes)
        {
            throw new GdprOpsException(ErrorIds.ExportTooLargeToEncrypt, ErrorKind.LimitExceeded,
                $"An archive would hold {largestArchive / 1048576} MB; CMS encryption is done in memory and limited to {MaxEncryptedBytes / 1048576} MB. The unencrypted folder is at '{root}': use -SplitSize to encrypt smaller parts.");
        }

        if (zipped)
        {
            if (_options.EncryptTo is { } certificate)
            {
                // Zipped inside the staging folder, sealed to the package's name, then the plaintext goes.
                archives = WriteArchives(root, items, Path.Combine(root, Path.GetFileName(target)))
                    .Select(zip => Encrypt(zip, Path.Combine(Path.GetDirectoryName(target) ?? ".", Path.GetFileName(zip)), certificate)).ToList();
            }
            else
            {
                archives = WriteArchives(root, items, target);
            }

            Directory.Delete(root, recursive: true);
        }

        // What the sweep could not read and that names no match might be anyone's, the person's included: not exported,
        // but listed for the DPO, who must not take the package as complete while these are unsearched.
        var notSearched = unique.Where(f => !Concerns(f)).ToList();
        string review = WriteReview(target, items, notSearched);
        if (notSearched.Count > 0)
        {
            _host.WriteWarning($"{Items(notSearched.Count)} could not be searched for the person (NotScanned in the sweep, no match): the package may not hold all of the person's data. They are listed on the review page {review}.");
        }

        string? zip = zipped && _options.EncryptTo is null ? archives[0] : null;
        string? encrypted = _options.EncryptTo is not null ? archives[0] : null;
        long sequence = Audit(target, items.Count(IsOriginal), bytes, failures.Count, outcome, manifestHash);
        return new SubjectExportSummary
        {
            Path = encrypted ?? zip ?? root,
            CaseId = _options.CaseId,
            Items = items.Count(IsOriginal),
            RedactedCopies = items.Count(i => !IsOriginal(i)),
            Bytes = bytes,
            Failed = failures.Count,
            Resumed = resumed,
            NotVerified = notVerified,
            ReceivedOn = _options.ReceivedOn.Date,
            DueOn = _options.DueOn,
            ManifestPath = zipped ? archives[0] + "!/" + ManifestJson : Path.Combine(root, ManifestJson),
            ZipPath = zip,
            Parts = Math.Max(1, archives.Count),
            EncryptedPath = encrypted,
            AuditSequence = sequence,
            ManifestSha256 = manifestHash ?? string.Empty,
            ThirdPartyItems = items.Count(i => i.ThirdPartyData.Length > 0),
            NotChecked = items.Count(i => IsOriginal(i) && !i.ThirdPartyCheck.StartsWith("Checked", StringComparison.Ordinal)),
            ReviewPath = review,
        };
    }

    private const string RedactedKey = "|redacted";

    /// <summary>An item itself, not a redacted copy of one.</summary>
    private static bool IsOriginal(ExportedItem item) => item.RedactedFrom.Length == 0;

    /// <summary>Only items shown to concern the person are handed over; a NotScanned item without a match might be anyone's.</summary>
    private static bool Concerns(Finding finding) => finding.Status != ScanStatus.NotScanned || finding.SubjectMatches.Length > 0;

    private static List<Finding> Deduplicate(IReadOnlyList<Finding> findings) =>
        findings.GroupBy(Key, StringComparer.Ordinal).Select(g => g.First()).ToList();

    private static string Key(Finding finding) => finding.SourceKind + "|" + finding.Source + "|" + finding.ItemId;

    /// <summary>items/&lt;kind&gt;/&lt;source&gt;/&lt;location&gt;/&lt;name&gt;, every segment made safe.</summary>
    private static string RelativePathFor(Finding finding)
    {
        switch (finding.SourceKind)
        {
            case SourceKind.Mailbox:
                string subject = SafeFileName.Segment(string.IsNullOrWhiteSpace(finding.ItemName) ? "message" : finding.ItemName, "message");
                subject = subject.Length > 60 ? subject.Substring(0, 60).TrimEnd('.', ' ') : subject;
                string when = finding.Created?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "undated";
                return $"mail/{SafeFileName.Segment(finding.Source)}/{SafeFileName.RelativePath(finding.Location, "folder")}/{when} {subject}.eml";
            case SourceKind.Drive:
                return $"drives/{SafeFileName.Segment(finding.Owner ?? finding.Source)}/{SafeFileName.RelativePath(finding.Location + "/" + finding.ItemName)}";
            case SourceKind.Blob:
                return $"blobs/{SafeFileName.RelativePath(finding.Source)}/{SafeFileName.RelativePath(finding.ItemId)}";
            default:
                return $"files/{SafeFileName.Segment(Path.GetFileName(finding.Source.TrimEnd('/', '\\')), "share")}/{SafeFileName.RelativePath(finding.ItemId)}";
        }
    }

    private async Task<ExportedItem> CopyAsync(Finding finding, string root, string relative, CancellationToken cancellationToken)
    {
        string target = InPackage(root, relative);
        if (!Path.GetFullPath(target).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new GdprOpsException(ErrorIds.ExportPathInvalid, ErrorKind.InvalidData, "The item's name would leave the package.");
        }

        OwnerOnly.CreateDirectory(Path.GetDirectoryName(target)!);
        string partial = target + ".partial";
        long size = 0;
        string hash;
        using (var sha = SHA256.Create())
        {
            using (var source = await _reader.OpenAsync(finding, cancellationToken).ConfigureAwait(false))
            using (var output = OwnerOnly.Create(partial, FileMode.Create, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.TransformBlock(buffer, 0, read, null, 0);
                    await output.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
            hash = Hex(sha.Hash!);
        }

        if (File.Exists(target))
        {
            File.Delete(target);
        }

        File.Move(partial, target);
        return new ExportedItem
        {
            File = relative,
            SourceKind = finding.SourceKind.ToString(),
            Source = finding.Source,
            Location = finding.Location,
            ItemId = finding.ItemId,
            ItemName = finding.ItemName,
            ItemUri = finding.ItemUri,
            Created = finding.Created,
            Modified = finding.Modified,
            Size = size,
            Sha256 = hash,
            SubjectMatches = finding.SubjectMatches,
            Categories = finding.Categories,
            Status = finding.Status.ToString(),
        };
    }

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    /// <summary>A package file's path on disk from its '/'-separated name in the package.</summary>
    private static string InPackage(string root, string file) => Path.Combine(root, file.Replace('/', Path.DirectorySeparatorChar));

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        using var sha = SHA256.Create();
        return Hex(sha.ComputeHash(stream));
    }

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    internal sealed class JournalLine
    {
        public string? Key { get; set; }

        public ExportedItem? Item { get; set; }
    }
}
