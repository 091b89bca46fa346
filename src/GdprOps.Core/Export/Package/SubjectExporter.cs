using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Export.Package;

/// <summary>
/// Writes a subject access / portability package: every item as the person needs it (mail as .eml, files and
/// blobs as their bytes) under items/, streamed to disk with its SHA-256, then manifest.json, manifest.csv and a
/// plain-language README.html. A journal records each finished item, so an interrupted export resumes without
/// reading finished items again. One audit line per export.
/// </summary>
public sealed class SubjectExporter
{
    public const string ManifestJson = "manifest.json";
    public const string ManifestCsv = "manifest.csv";
    public const string Readme = "README.html";
    public const string Journal = ".export-journal.jsonl";
    /// <summary>The DPO's review page, written beside the package (never inside it: the package goes to the person).</summary>
    public const string ReviewSuffix = ".review.html";
    /// <summary>EnvelopedCms encrypts in memory: bound the package size it is asked to wrap.</summary>
    public const long MaxEncryptedBytes = 1L << 30;
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

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

        string review = WriteReview(target, items);
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

    /// <summary>
    /// With -RedactThirdParty, beside an item in which other people's data was seen: NAME.redacted.EXT with their
    /// details (or whole lines about them) masked and the subject's kept; listed in the manifest with RedactedFrom.
    /// </summary>
    private ExportedItem? WriteRedactedCopy(string root, ExportedItem item, HashSet<string> taken)
    {
        string extension = Path.GetExtension(item.File);
        if (!_options.RedactThirdParty || _thirdParty is null || item.ThirdPartyData.Length == 0 || !ThirdPartyRedaction.CanRedact(extension))
        {
            return null;
        }

        string original = InPackage(root, item.File);
        if (item.Size > ThirdPartyRedaction.MaxBytes)
        {
            _host.WriteWarning($"No redacted copy of {item.File}: it is larger than {ThirdPartyRedaction.MaxBytes / 1048576} MB; review it by hand.");
            return null;
        }

        (byte[]? Bytes, int Count) redacted;
        try
        {
            redacted = ThirdPartyRedaction.Redact(File.ReadAllBytes(original), extension, _thirdParty);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException)
        {
            _host.WriteWarning($"No redacted copy of {item.File}: it could not be read ({ex.GetType().Name}).");
            return null;
        }

        if (redacted.Bytes is null || redacted.Count == 0)
        {
            return null;
        }

        string name = item.File.Substring(0, item.File.Length - extension.Length) + ".redacted" + extension;
        string relative = SafeFileName.Unique(name, taken);
        string target = InPackage(root, relative);
        using (var stream = OwnerOnly.Create(target))
        {
            stream.Write(redacted.Bytes, 0, redacted.Bytes.Length);
        }

        using var sha = SHA256.Create();
        return item.RedactedCopy(relative, redacted.Bytes.Length, Hex(sha.ComputeHash(redacted.Bytes)),
            "Redacted: " + redacted.Count.ToString(CultureInfo.InvariantCulture) + " place(s) masked");
    }

    /// <summary>Looks through the written item for other people's data (<see cref="ThirdPartyScanner"/>); a failure to read it is said, not hidden.</summary>
    private async Task CheckThirdPartyAsync(string root, ExportedItem item, CancellationToken cancellationToken)
    {
        if (_thirdParty is null)
        {
            item.ThirdPartyCheck = "NotChecked: no subject profile";
            return;
        }

        try
        {
            var found = await _thirdParty.ScanAsync(InPackage(root, item.File), Path.GetFileName(item.File), cancellationToken).ConfigureAwait(false);
            item.ThirdPartyData = found.Summary;
            item.ThirdPartyCheck = found.NotReadInFull is null ? "Checked" : (found.NotRead ? "NotChecked: " : "Partial: ") + found.NotReadInFull;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GdprOpsException or InvalidDataException)
        {
            item.ThirdPartyCheck = "NotChecked: " + (ex is GdprOpsException ? ex.Message : ex.GetType().Name);
        }
    }

    /// <summary>
    /// The DPO's page beside the package: every item that holds other people's data or could not be checked, with
    /// the categories and counts (never values), to review or redact before sending. Returns its path.
    /// </summary>
    private string WriteReview(string target, List<ExportedItem> items)
    {
        string path = target + ReviewSuffix;
        var flagged = items.Where(i => i.ThirdPartyData.Length > 0).ToList();
        var notChecked = items.Where(i => IsOriginal(i) && !i.ThirdPartyCheck.StartsWith("Checked", StringComparison.Ordinal)).ToList();
        // Beside an encrypted package nothing may say what is inside it: items are named by their place in manifest.json.
        bool sealedPackage = _options.EncryptTo is not null;
        string Name(ExportedItem item) => sealedPackage
            ? "manifest.json item " + (items.IndexOf(item) + 1).ToString(CultureInfo.InvariantCulture)
            : item.File;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review before sending</title>")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}</style></head><body>\n");
        html.Append("<h1>Review before sending</h1>\n<p>Package <code>").Append(Encode(Path.GetFileName(target))).Append("</code>")
            .Append(_options.CaseId is null ? string.Empty : ", case " + Encode(_options.CaseId)).Append(". ")
            .Append("A copy must not adversely affect the rights of others (GDPR Art. 15(4)). ")
            .Append(flagged.Count == 0 && notChecked.Count == 0
                ? "No other person's personal data was seen in the items.</p>\n"
                : "Review or redact these items before sending the package; the counts are of details that do not appear to be the person's own.</p>\n");
        if (flagged.Count > 0)
        {
            html.Append("<h2>").Append(Items(flagged.Count)).Append(" with other people's data</h2>\n<table><tr><th>File</th><th>From</th><th>Other people's data</th><th>Redacted copy</th></tr>\n");
            foreach (var item in flagged)
            {
                var copy = items.FirstOrDefault(i => i.RedactedFrom == item.File);
                html.Append("<tr><td>").Append(Encode(Name(item))).Append("</td><td>").Append(Encode(sealedPackage ? item.SourceKind : item.SourceKind + " " + item.Source + " " + item.Location))
                    .Append("</td><td>").Append(Encode(DescribeCounts(item.ThirdPartyData))).Append("</td><td>")
                    .Append(copy is null ? "none" : Encode(Name(copy)) + " (" + Encode(copy.ThirdPartyCheck) + ")").Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (notChecked.Count > 0)
        {
            html.Append("<h2>").Append(Items(notChecked.Count)).Append(" not checked in full</h2>\n<table><tr><th>File</th><th>Why</th></tr>\n");
            foreach (var item in notChecked)
            {
                html.Append("<tr><td>").Append(Encode(Name(item))).Append("</td><td>").Append(Encode(item.ThirdPartyCheck)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body></html>\n");
        using (var stream = OwnerOnly.Create(path))
        {
            byte[] bytes = new UTF8Encoding(false).GetBytes(html.ToString());
            stream.Write(bytes, 0, bytes.Length);
        }

        return path;
    }

    /// <summary>"EMAIL:2;ART9_HEALTH:1" as "e-mail addresses: 2, health information: 1".</summary>
    private static string DescribeCounts(string counts) => string.Join(", ", counts.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split(':'))
        .Select(pair => CoverLetter.CategoryName(pair[0], "en") + ": " + pair[1]));

    /// <summary>Fills parts in item order up to the split size; an item bigger than the size gets a part of its own.</summary>
    private static void AssignParts(List<ExportedItem> items, long splitSize)
    {
        int part = 1;
        long used = 0;
        foreach (var item in items)
        {
            if (used > 0 && used + item.Size > splitSize)
            {
                part++;
                used = 0;
            }

            item.Part = part;
            used += item.Size;
        }
    }

    /// <summary>One zip, or part01..partNN with the manifest and README in part01.</summary>
    private List<string> WriteArchives(string root, List<ExportedItem> items, string stem)
    {
        int parts = _options.SplitSize is null ? 1 : Math.Max(1, items.Select(i => i.Part).DefaultIfEmpty(1).Max());
        var archives = new List<string>();
        for (int part = 1; part <= parts; part++)
        {
            string zip = parts == 1 ? stem + ".zip" : stem + ".part" + part.ToString("D2", CultureInfo.InvariantCulture) + ".zip";
            if (File.Exists(zip))
            {
                File.Delete(zip);
            }

            using (var stream = OwnerOnly.Create(zip))
            using (var archive = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                var files = items.Where(i => parts == 1 || i.Part == part).Select(i => i.File).ToList();
                if (part == 1)
                {
                    files.AddRange(new[] { ManifestJson, ManifestCsv, Readme });
                    if (_options.PortableData)
                    {
                        files.Add(Package.PortableData.FileName);
                    }
                }

                foreach (string file in files)
                {
                    archive.CreateEntryFromFile(InPackage(root, file), file, CompressionLevel.Optimal);
                }
            }

            archives.Add(zip);
        }

        return archives;
    }

    private static string Encrypt(string zip, string sealedZipName, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        string encrypted = sealedZipName + ".p7m";
        var envelope = new EnvelopedCms(new ContentInfo(File.ReadAllBytes(zip)));
        envelope.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, certificate));
        using (var output = OwnerOnly.Create(encrypted))
        {
            byte[] sealedBytes = envelope.Encode();
            output.Write(sealedBytes, 0, sealedBytes.Length);
        }

        File.Delete(zip);
        return encrypted;
    }

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

    /// <summary>Creates the folder, or reads the journal of an interrupted export when resuming.</summary>
    private Dictionary<string, ExportedItem> PrepareFolder(string root)
    {
        var done = new Dictionary<string, ExportedItem>(StringComparer.Ordinal);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!_options.Resume)
            {
                throw new GdprOpsException(ErrorIds.ExportPathInvalid, ErrorKind.InvalidArgument,
                    $"The folder '{root}' is not empty. Use a new folder per request, or -Resume to continue an interrupted export.");
            }

            string journal = Path.Combine(root, Journal);
            string manifest = Path.Combine(root, ManifestJson);
            if (!File.Exists(journal) && File.Exists(manifest))
            {
                // A finished package (its journal removed): what its manifest lists is done.
                try
                {
                    using var document = JsonDocument.Parse(File.ReadAllText(manifest, Encoding.UTF8));
                    foreach (var element in document.RootElement.GetProperty("items").EnumerateArray())
                    {
                        if (JsonSerializer.Deserialize<ExportedItem>(element.GetRawText(), Json) is { } item)
                        {
                            done[item.SourceKind + "|" + item.Source + "|" + item.ItemId] = item;
                        }
                    }
                }
                catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    throw new GdprOpsException(ErrorIds.ExportPathInvalid, ErrorKind.InvalidData, $"The folder '{root}' holds a manifest.json that is not a GdprOps package manifest; it cannot be resumed.", ex);
                }
            }

            if (File.Exists(journal))
            {
                foreach (string line in File.ReadAllLines(journal, Encoding.UTF8))
                {
                    try
                    {
                        var entry = JsonSerializer.Deserialize<JournalLine>(line, Json);
                        if (entry?.Key is { } key && entry.Item is { } item)
                        {
                            done[key] = item;
                        }
                    }
                    catch (JsonException)
                    {
                        // A line cut off by the interruption: that item is exported again.
                    }
                }
            }
        }

        OwnerOnly.CreateDirectory(root);
        return done;
    }

    private static void AppendJournal(string root, string key, ExportedItem item)
    {
        string journal = Path.Combine(root, Journal);
        bool created = !File.Exists(journal);
        using var stream = new FileStream(journal, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (created)
        {
            OwnerOnly.Restrict(journal);
        }

        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new JournalLine { Key = key, Item = item }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }) + "\n");
        stream.Write(line, 0, line.Length);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>my-data.json when asked for: the person's CSV rows and JSON objects among the items, with where each came from.</summary>
    private object? WritePortableData(string root, List<ExportedItem> items)
    {
        if (!_options.PortableData)
        {
            return null;
        }

        if (_options.Subject is null)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "my-data.json needs the subject profile (-Subject) to tell the person's records from other people's.");
        }

        var portable = new PortableData(_options.Subject);
        foreach (var item in items)
        {
            portable.Add(InPackage(root, item.File), item.File);
        }

        string path = Path.Combine(root, Package.PortableData.FileName);
        portable.Write(path, _options.CaseId);
        return new
        {
            file = Package.PortableData.FileName,
            sha256 = Sha256Of(path),
            records = portable.Count,
            skipped = portable.Skipped.Select(s => new { file = s.File, reason = s.Reason }).ToList(),
        };
    }

    private void WriteManifest(string root, List<ExportedItem> items, List<(Finding Finding, string Reason)> failures, int notVerified, object? portable)
    {
        var manifest = new
        {
            package = new
            {
                caseId = _options.CaseId,
                createdUtc = DateTimeOffset.UtcNow,
                @operator = _options.Operator ?? Environment.UserName,
                machine = Environment.MachineName,
                receivedOn = _options.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                dueOn = _options.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                extended = _options.Extended,
                tool = "GdprOps " + typeof(SubjectExporter).Assembly.GetName().Version,
                items = items.Count(IsOriginal),
                redactedCopies = items.Count(i => !IsOriginal(i)),
                bytes = items.Sum(i => i.Size),
                perSource = items.Where(IsOriginal).GroupBy(i => i.SourceKind).ToDictionary(g => g.Key, g => g.Count()),
                perCategory = Categories(items.Where(IsOriginal)).ToDictionary(c => c.Key, c => c.Value),
                notVerified,
                thirdPartyItems = items.Count(i => i.ThirdPartyData.Length > 0),
                portableData = portable,
            },
            items,
            failures = failures.Select(f => new { sourceKind = f.Finding.SourceKind.ToString(), source = f.Finding.Source, itemUri = f.Finding.ItemUri, reason = f.Reason }),
        };
        File.WriteAllText(Path.Combine(root, ManifestJson), JsonSerializer.Serialize(manifest, Json), new UTF8Encoding(false));
        ReportCsv.Write(Path.Combine(root, ManifestCsv),
            new[] { "File", "SourceKind", "Source", "Location", "ItemId", "ItemName", "ItemUri", "Created", "Modified", "Size", "Sha256", "SubjectMatches", "Categories", "Status", "ThirdPartyData", "ThirdPartyCheck", "RedactedFrom" },
            items.Select(i => (IReadOnlyList<string?>)new[]
            {
                i.File, i.SourceKind, i.Source, i.Location, i.ItemId, i.ItemName, i.ItemUri,
                i.Created?.ToString("o", CultureInfo.InvariantCulture), i.Modified?.ToString("o", CultureInfo.InvariantCulture),
                i.Size.ToString(CultureInfo.InvariantCulture), i.Sha256, i.SubjectMatches, i.Categories, i.Status, i.ThirdPartyData, i.ThirdPartyCheck, i.RedactedFrom,
            }));
        OwnerOnly.Restrict(Path.Combine(root, ManifestJson));
        OwnerOnly.Restrict(Path.Combine(root, ManifestCsv));
    }

    /// <summary>The letter for the person (<see cref="CoverLetter"/>): no item names, no one else's identifiers.</summary>
    private void WriteReadme(string root, List<ExportedItem> items, List<(Finding Finding, string Reason)> failures, List<Finding> all)
    {
        string html = CoverLetter.Render(new CoverLetter.Content
        {
            CaseId = _options.CaseId,
            ReceivedOn = _options.ReceivedOn,
            DueOn = _options.DueOn,
            Extended = _options.Extended,
            SearchedKinds = all.Select(f => f.SourceKind).Distinct().ToList(),
            Exported = items.Where(IsOriginal).GroupBy(i => (SourceKind)Enum.Parse(typeof(SourceKind), i.SourceKind)).Select(g => (g.Key, g.Count())).ToList(),
            Categories = Categories(items.Where(IsOriginal)).Select(c => (c.Key, c.Value)).ToList(),
            Failed = failures.Count,
            Controller = _options.Controller,
        }, _options.Language);
        File.WriteAllText(Path.Combine(root, Readme), html, new UTF8Encoding(false));
        OwnerOnly.Restrict(Path.Combine(root, Readme));
    }

    /// <summary>"1 item", "2 items".</summary>
    private static string Items(int count) => CoverLetter.Count(count, "en");

    private static SortedDictionary<string, int> Categories(IEnumerable<ExportedItem> items)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in items.SelectMany(i => i.Categories.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)))
        {
            counts[id] = counts.TryGetValue(id, out int n) ? n + 1 : 1;
        }

        return counts;
    }

    private long Audit(string root, int items, long bytes, int failed, string outcome, string? manifestSha256 = null)
    {
        if (_options.AuditLog is null)
        {
            return 0;
        }

        return _options.AuditLog.Append(new AuditEntry
        {
            Action = "Export",
            Command = _options.Command,
            CaseId = _options.CaseId,
            SignedInAs = _options.Operator,
            SubjectIdentifiers = _options.Subject?.GetIdentifiers().Select(i => i.Kind + ":" + i.Value).ToList() ?? new List<string>(),
            Scope = manifestSha256 is null ? root : root + " manifest-sha256:" + manifestSha256,
            Counts = new Dictionary<string, long> { ["items"] = items, ["bytes"] = bytes, ["failed"] = failed },
            Outcome = outcome,
        });
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

    private sealed class JournalLine
    {
        public string? Key { get; set; }

        public ExportedItem? Item { get; set; }
    }
}
