using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Detection;
using GdprOps.Detection.Discovery;
using GdprOps.Extraction;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Sweep;

/// <summary>
/// Reads one item through its source and looks at its name and content: for the subject's identifiers in a
/// subject sweep, and always for the categories of personal data it holds, so a sick note about the subject
/// also shows ART9_HEALTH.
/// </summary>
public sealed class ItemScanner
{
    private readonly SubjectMatcher? _matcher;
    private readonly DiscoveryScanner _discovery;
    private readonly ContentExtractor _extractor;
    private readonly SweepOptions _options;
    private readonly int _minimum;

    public ItemScanner(SweepOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _matcher = options.Subject is null ? null : new SubjectMatcher(options.Subject);
        _discovery = new DiscoveryScanner(options.Categories);
        _extractor = new ContentExtractor(options.Budget);
        _minimum = (int)options.MinimumConfidence;
    }

    /// <summary>What scanning one item gave.</summary>
    public enum Outcome
    {
        NoMatch,
        Match,
        NotScanned,
        Unsupported,
    }

    public async Task<(Outcome Outcome, Finding? Finding, long Bytes)> ScanAsync(IItemSource source, SourceItem item, CancellationToken cancellationToken)
    {
        var found = new ItemMatches();
        ScanNameAndMetadata(item, found);

        if (item.NotReadableReason is { } notReadable)
        {
            return Unread(item, found, Outcome.NotScanned, notReadable, 0);
        }

        if (ContentExtractor.FormatOf(item.Extension) == ContentExtractor.Format.Unsupported)
        {
            return Unread(item, found, Outcome.Unsupported, "Type not read: " + ExtensionLabel(item.Extension), 0);
        }

        if (item.SizeBytes > _options.MaxItemBytes)
        {
            return Unread(item, found, Outcome.NotScanned, $"Larger than the size limit ({_options.MaxItemBytes} bytes)", 0);
        }

        var extraction = await ExtractAsync(source, item, found, cancellationToken).ConfigureAwait(false);
        if (found.Dropped && !found.Subject.IsEmpty && extraction.Status != ScanStatus.NotScanned)
        {
            // A large item named the person only after the hold-back limit: read it once more, this time scanning
            // every part for the other categories as it comes, so its Categories column is complete.
            var again = new ItemMatches { Streaming = true };
            ScanNameAndMetadata(item, again);
            extraction = await ExtractAsync(source, item, again, cancellationToken).ConfigureAwait(false);
            found = again;
        }

        long bytes = item.SizeBytes ?? extraction.BytesRead;
        if (extraction.Status == ScanStatus.NotScanned)
        {
            return Unread(item, found, Outcome.NotScanned, extraction.Reason!, bytes);
        }

        if (IsMatch(found))
        {
            return (Outcome.Match, ToFinding(item, found, extraction.Status, extraction.Reason), bytes);
        }

        // Partly read and nothing found in what was read: not clean, so it is reported.
        return extraction.Status == ScanStatus.Partial
            ? (Outcome.NotScanned, ToFinding(item, found, ScanStatus.Partial, extraction.Reason), bytes)
            : (Outcome.NoMatch, null, bytes);
    }

    /// <summary>The part an item's own name is scanned as.</summary>
    private const string FileNamePart = "FileName";

    /// <summary>The part the folder an item is filed in is scanned as (a subject sweep's: HR keeps a folder per employee).</summary>
    private const string FolderPart = "Folder";

    private void ScanNameAndMetadata(SourceItem item, ItemMatches found)
    {
        if (item.SourceKind != Model.SourceKind.Mailbox)
        {
            // A message's subject is scanned with its headers; a file's or blob's name is its own part.
            _ = ScanPart(found, TextChunk.Whole(FileNamePart, item.ItemName));

            // The folders it is filed in: a scanned payslip in "Personale/Søren Østergaard/" says nothing of him but where it
            // is. Only for one person: discovery counts what items hold, and a folder's name would count once per item in it.
            if (_matcher is not null && item.Location is { Length: > 0 } folder && folder != ".")
            {
                _ = ScanPart(found, TextChunk.Whole(FolderPart, folder));
            }
        }

        foreach (var property in item.Metadata)
        {
            _ = ScanPart(found, TextChunk.Whole("Metadata:" + property.Key, property.Value));
        }
    }

    private async Task<ExtractionResult> ExtractAsync(IItemSource source, SourceItem item, ItemMatches found, CancellationToken cancellationToken)
    {
        using var stream = await source.OpenReadAsync(item, cancellationToken).ConfigureAwait(false);
        // The chunks' text is lent (ChunkingTextSink.Lending): ScanPart says when it holds a chunk back.
        var sink = ChunkingTextSink.Lending(chunk => ScanPart(found, chunk));
        return await _extractor.ExtractAsync(stream, item.ItemName, item.Extension, sink, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Whether the chunk is held back (kept past the call): its text must then stay as it is.</returns>
    private bool ScanPart(ItemMatches found, TextChunk chunk)
    {
        string text = chunk.Text;
        if (_matcher is null)
        {
            Discover(found, chunk, Array.Empty<int>());
            return false;
        }

        var subjectMatches = _matcher.Match(text, fileName: chunk.Where is FileNamePart or FolderPart);
        found.Subject.Add(chunk, subjectMatches);
        // Where the person is named, for the terms beside it (the accumulator leaves out what a chunk's cut may have made).
        var positions = subjectMatches.Count == 0 ? Array.Empty<int>() : subjectMatches.Select(m => m.Start).ToArray();

        // A subject sweep needs the other categories (the Categories column) only of items that name the person,
        // which are few: parts are held back until the first subject match, and never scanned for an item that has
        // none. Past the hold-back limit they are dropped, and an item that names the person later is read again
        // (ScanAsync), so memory stays bounded and the Categories column complete.
        if (found.Dropped)
        {
            return false;
        }

        if (found.Subject.IsEmpty && !found.Streaming)
        {
            if (found.HeldChars + text.Length <= MaxHeldChars)
            {
                found.Held.Add((chunk, positions));
                found.HeldChars += text.Length;
                return true;
            }

            found.Held.Clear();
            found.HeldChars = 0;
            found.Dropped = true;
            return false;
        }

        found.Streaming = true;

        foreach (var (heldChunk, heldPositions) in found.Held)
        {
            Discover(found, heldChunk, heldPositions);
        }

        found.Held.Clear();
        found.HeldChars = 0;
        Discover(found, chunk, positions);
        return false;
    }

    /// <summary>
    /// How much text of one item a subject sweep holds back while waiting for the first match: two chunks (2 M
    /// characters, 4 MB), so even 16 items in flight hold at most 64 MB; a larger item that names the person only
    /// past it is read a second time.
    /// </summary>
    internal const int MaxHeldChars = 2 * 1024 * 1024;

    private void Discover(ItemMatches found, TextChunk chunk, IReadOnlyList<int> subjectPositions)
    {
        _discovery.ScanInto(found.Discovery, chunk, subjectPositions);
    }

    private bool IsMatch(ItemMatches found) =>
        _options.Discover ? found.Discovery.BestScore(_minimum) is not null : !found.Subject.IsEmpty;

    private (Outcome, Finding?, long) Unread(SourceItem item, ItemMatches found, Outcome unread, string reason, long bytes)
    {
        // A match in the name of an item whose content was not read is still a finding, marked Partial.
        if (IsMatch(found))
        {
            return (Outcome.Match, ToFinding(item, found, ScanStatus.Partial, reason), bytes);
        }

        bool report = unread == Outcome.NotScanned || _options.IncludeUnscanned;
        return (unread, report ? ToFinding(item, found, ScanStatus.NotScanned, reason) : null, bytes);
    }

    private Finding ToFinding(SourceItem item, ItemMatches found, ScanStatus status, string? reason)
    {
        var finding = item.ToFinding();
        finding.CaseId = _options.Subject?.CaseId;
        finding.Status = status;
        finding.StatusReason = reason;

        if (!IsMatch(found))
        {
            return finding;
        }

        string discovered = found.Discovery.Categories(_minimum);
        if (_options.Discover)
        {
            finding.Categories = discovered;
            finding.Confidence = ToConfidence(found.Discovery.BestScore(_minimum)!.Value);
            finding.MatchCount = found.Discovery.Count(_minimum);
            finding.CategoryMatches = DiscoveryAccumulator.FormatCounts(found.Discovery.CategoryCounts(_minimum));
            finding.Evidence = found.Discovery.Evidence(_minimum);
            finding.Where = string.Join(";", found.Discovery.Where(_minimum));
        }
        else
        {
            finding.SubjectMatches = found.Subject.SubjectMatches;
            finding.Categories = MergeCategories(found.Subject.Categories, discovered);
            finding.Confidence = found.Subject.Confidence;
            finding.MatchCount = found.Subject.MatchCount;
            // The subject's own matches and what discovery counted in the same categories (which includes them): the larger.
            finding.CategoryMatches = DiscoveryAccumulator.FormatCounts(found.Subject.CategoryCounts.Concat(found.Discovery.CategoryCounts(_minimum)));
            finding.Evidence = found.Subject.Evidence;
            finding.Where = found.Subject.Where;
        }

        return finding;
    }

    private static string MergeCategories(string a, string b)
    {
        var all = new HashSet<string>((a + ";" + b).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        return string.Join(";", DetectorIds.All.Where(all.Contains));
    }

    /// <summary>How an extension is named in reasons and warnings.</summary>
    internal static string ExtensionLabel(string extension) => extension.Length == 0 ? "(no extension)" : extension;

    private static Confidence ToConfidence(int score) => score >= 85 ? Confidence.High : score >= 75 ? Confidence.Medium : Confidence.Low;

    private sealed class ItemMatches
    {
        public MatchAccumulator Subject { get; } = new();

        public DiscoveryAccumulator Discovery { get; } = new();

        /// <summary>Parts of a subject sweep's item not yet scanned for other categories (no subject match so far).</summary>
        public List<(TextChunk Chunk, int[] Positions)> Held { get; } = new();

        public long HeldChars { get; set; }

        /// <summary>Every part is scanned for the other categories as it comes (the person was named, or a second read).</summary>
        public bool Streaming { get; set; }

        /// <summary>The hold-back limit was passed before the person was named: the other categories were not scanned.</summary>
        public bool Dropped { get; set; }
    }
}
