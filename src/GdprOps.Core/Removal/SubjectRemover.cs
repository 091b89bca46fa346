using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Audit;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sweep;

namespace GdprOps.Removal;

/// <summary>
/// Erases what findings name, safely: each item is read again and must carry the same version and still match
/// the subject before it is touched, so an edited CSV can never remove someone else's data. Holds and refusals
/// are reported as Retained or Failed, never as Removed. Every item's outcome is appended to the audit log as it
/// happens, so a stopped run leaves every finished item recorded and the rest untouched.
/// </summary>
public sealed class SubjectRemover
{
    private static readonly HashSet<string> RedactableExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".csv", ".tsv", ".json", ".xml", ".md", ".log", ".ini", ".yaml", ".yml", ".vcf", ".ics", ".sql",
    };

    private readonly RemovalOptions _options;
    private readonly IItemRemover _remover;
    private readonly IRunHost _host;
    private readonly object _auditGate = new();

    // The subject's matcher for items' names and folders (NamedByPlace), made once for the run when a redaction first asks.
    private readonly Lazy<Detection.SubjectMatcher> _places;

    public SubjectRemover(RemovalOptions options, IItemRemover remover, IRunHost host)
    {
        _options = options;
        _remover = remover;
        _host = host;
        _places = new Lazy<Detection.SubjectMatcher>(() => new Detection.SubjectMatcher(options.Subject));
    }

    /// <summary>Removes what sweep findings name, each with the options' mode (findings straight from a sweep carry no review).</summary>
    public Task<IReadOnlyList<RemovalResult>> RunAsync(IReadOnlyList<Finding> findings, CancellationToken cancellationToken) =>
        RunAsync(findings.Select(f => RemovalPlanner.Plan(f, fromReport: false, _options)).ToList(), cancellationToken);

    /// <summary>
    /// Carries out a plan: rows left alone by their decision are recorded and reported as such; every other item is
    /// checked again at its source and, if it passes, removed or redacted. Before anything is acted on, the audit log
    /// must take a line (else the run stops here, having touched nothing), and each item's intent is written before
    /// its action and its outcome after.
    /// </summary>
    public async Task<IReadOnlyList<RemovalResult>> RunAsync(IReadOnlyList<PlannedRemoval> plan, CancellationToken cancellationToken)
    {
        var unique = plan.GroupBy(p => p.Finding.SourceKind + "|" + p.Finding.Source + "|" + p.Finding.ItemId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var results = new List<RemovalResult>();
        int done = 0;
        RecordStart(unique);

        void Complete(Finding finding, RemovalResult result)
        {
            result = WithHold(finding, result);
            Record(finding, result, result.Outcome);
            lock (results)
            {
                results.Add(result);
                done++;
                _host.WriteProgress(new RunProgress(_options.Command, $"{done} of {unique.Count} items", result.Outcome, 100 * done / Math.Max(1, unique.Count)));
            }

            _host.WriteOutput(result);
        }

        foreach (var skipped in unique.Where(p => !p.IsActedOn))
        {
            Complete(skipped.Finding, skipped.SkippedResult());
        }

        // First every item is checked at its source (version, real name and content still about the subject).
        var ready = new List<(PlannedRemoval Plan, string Version, Redaction? Redaction)>();
        await ForEachAsync(unique.Where(p => p.IsActedOn), async planned =>
        {
            var check = await CheckAsync(planned.Finding, planned.Mode, cancellationToken).ConfigureAwait(false);
            if (check.Final is not null)
            {
                Complete(planned.Finding, check.Final);
            }
            else
            {
                lock (ready)
                {
                    ready.Add((planned, check.Version!, check.Redaction));
                }
            }
        }, cancellationToken).ConfigureAwait(false);

        // Then the verified items go: in bulk where the connector can ($batch for mail), one by one elsewhere.
        var single = ready;
        if (_remover is IBatchItemRemover bulk)
        {
            var batchable = ready.Where(r => r.Redaction is null && bulk.CanBatch(r.Plan.Finding, r.Plan.Mode)).ToList();
            single = ready.Except(batchable).ToList();
            foreach (var group in batchable.GroupBy(r => r.Plan.Mode))
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var item in group)
                {
                    RecordIntent(item.Plan);
                }

                await bulk.RemoveManyAsync(group.Select(r => (r.Plan.Finding, r.Version)).ToList(), group.Key, Complete, cancellationToken).ConfigureAwait(false);
            }
        }

        await ForEachAsync(single, async item =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            RecordIntent(item.Plan);
            var result = item.Redaction is null
                ? await RemoveOneAsync(item.Plan.Finding, item.Plan.Mode, item.Version, cancellationToken).ConfigureAwait(false)
                : await ReplaceOneAsync(item.Plan.Finding, item.Redaction, item.Version, cancellationToken).ConfigureAwait(false);
            Complete(item.Plan.Finding, result);
        }, cancellationToken).ConfigureAwait(false);
        _host.WriteProgress(new RunProgress(_options.Command, "done", null, 100, Completed: true));
        return results;
    }

    /// <summary>Mail removed from a mailbox on hold is still kept by Exchange: say Retained, never Removed.</summary>
    private RemovalResult WithHold(Finding finding, RemovalResult result)
    {
        if (finding.SourceKind == SourceKind.Mailbox && _options.MailboxesOnHold.Contains(finding.Source)
            && result.Outcome is RemovalOutcome.Removed or RemovalOutcome.SoftDeleted)
        {
            result.Outcome = RemovalOutcome.Retained;
            result.Detail = "Removed from the mailbox, but the mailbox is on hold: Exchange keeps a copy in Recoverable Items until the hold ends.";
            result.RecoverableUntil = null;
        }

        return result;
    }

    private async Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, _options.ThrottleLimit));
        var tasks = items.Select(async item =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await action(item).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<RemovalResult> RemoveOneAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await _remover.RemoveAsync(finding, mode, version, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceItemException ex) when (ex.Kind == ErrorKind.NotFound && ex.ErrorId != ErrorIds.NotConnected)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists.");
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, ex.Message);
        }
    }

    private async Task<RemovalResult> ReplaceOneAsync(Finding finding, Redaction redaction, string version, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new MemoryStream(redaction.Bytes);
            var result = await _remover.ReplaceAsync(finding, stream, version, cancellationToken).ConfigureAwait(false);
            if (redaction.Partial && result.Outcome == RemovalOutcome.Redacted)
            {
                result.Outcome = RemovalOutcome.RedactedPartially;
            }

            result.Detail = redaction.Description + " " + result.Detail;
            return result;
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, ex.Message);
        }
    }

    /// <summary>An item's own failure; an audit log that cannot be written is never one (it stops the run).</summary>
    private static bool IsItemFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException
        || (ex is GdprOpsException g && g.ErrorId is not (ErrorIds.AuditLogWriteFailed or ErrorIds.AuditLogInvalid));

    /// <summary>
    /// Checks one item against its source; a final result when it is settled here (skipped, gone, failed), else the
    /// verified version and, for a redaction, the bytes to write.
    /// </summary>
    private async Task<(RemovalResult? Final, string? Version, Redaction? Redaction)> CheckAsync(Finding finding, RemovalMode mode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(finding.Version))
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The finding has no version to compare with: sweep again and remove from the new findings."), null, null);
        }

        if (mode == RemovalMode.Redact && finding.SourceKind == SourceKind.Mailbox)
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Mail cannot be edited through Microsoft Graph, so it cannot be redacted: use -Mode Delete or Purge."), null, null);
        }

        try
        {
            var current = await _remover.CurrentItemAsync(finding, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."), null, null);
            }

            if (current.InRecoverableItems && mode == RemovalMode.Delete)
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.AlreadySoftDeleted, "Already in Recoverable Items\\Deletions (deleted by an earlier run): a Delete can do no more; use -Mode Purge to go further."), null, null);
            }

            // Soft-deleting moved the message and gave it a new change key; its content is checked again below.
            if (!current.InRecoverableItems && !SameVersion(current.Version, finding.Version!))
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The item changed since it was found (its version differs): sweep again before removing it."), null, null);
            }

            using var content = await _remover.OpenAsync(finding, cancellationToken).ConfigureAwait(false);
            if (mode != RemovalMode.Redact)
            {
                return await StillMatchesAsync(finding, current.Name, content, cancellationToken).ConfigureAwait(false)
                    ? (null, current.Version, null)
                    : (RemovalResult.For(finding, mode, RemovalOutcome.SkippedNoLongerMatches, "The item no longer mentions the subject: it was left alone."), null, null);
            }

            string extension = Path.GetExtension(current.Name);
            if (!OfficeRedactor.IsOffice(extension) && !RedactableExtensions.Contains(extension))
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, $"Redaction is supported for text, CSV, TSV, DOCX, XLSX and PPTX files, not '{extension}' items: use -Mode Delete or Purge for them."), null, null);
            }

            // Read once: the redactor works on these bytes, and the check below reads them again when it replaced nothing.
            byte[] original;
            using (var buffer = new MemoryStream())
            {
                await content.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                original = buffer.ToArray();
            }

            var (replacement, redacted, partial) = Redact(extension, original);
            if (replacement is null && redacted == RemovalOutcome.SkippedNoLongerMatches)
            {
                // The redactor found nothing to replace. Whether the item no longer mentions the person is for the same check
                // as every other mode to say: an occurrence where the redactor cannot reach is not "no longer".
                using var again = new MemoryStream(original, writable: false);
                return await StillMatchesAsync(finding, current.Name, again, cancellationToken, contentOnly: true).ConfigureAwait(false)
                    ? (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "The subject is mentioned where redaction cannot reach (for example inside an embedded object, a chart, a sheet name or a formula); the item was left unchanged: delete it instead."), null, null)
                    : NamedByPlace(finding, current.Name)
                    ? (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Only the item's name or its folder names the subject, and redaction changes neither: rename or move the item, or delete it."), null, null)
                    : (RemovalResult.For(finding, mode, RemovalOutcome.SkippedNoLongerMatches, "The item no longer mentions the subject."), null, null);
            }

            if (replacement is null)
            {
                return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, redacted), null, null);
            }

            // Write only what no longer mentions the person (an occurrence in a place the redactor cannot reach stops it).
            using (var check = new MemoryStream(replacement))
            {
                if (await StillMatchesAsync(finding, current.Name, check, cancellationToken, contentOnly: true).ConfigureAwait(false))
                {
                    return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, "Not every occurrence could be redacted (for example inside an embedded object, a chart, a sheet name or a formula); the item was left unchanged: delete it instead."), null, null);
                }
            }

            // The content no longer names the person; a name or folder that does is said, not passed over.
            return NamedByPlace(finding, current.Name)
                ? (null, current.Version, new Redaction(replacement, redacted + " The item's name or its folder still names the subject: rename or move it.", Partial: true))
                : (null, current.Version, new Redaction(replacement, redacted, partial));
        }
        catch (SourceItemException ex) when (ex.Kind == ErrorKind.NotFound && ex.ErrorId != ErrorIds.NotConnected)
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."), null, null);
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            return (RemovalResult.For(finding, mode, RemovalOutcome.Failed, ex.Message), null, null);
        }
    }

    /// <summary>Whether the item's own name or the folder it is filed in names the subject (what a sweep reads as FileName and Folder).</summary>
    private bool NamedByPlace(Finding finding, string realName) =>
        finding.SourceKind != SourceKind.Mailbox
        && (_places.Value.Match(realName, fileName: true).Count > 0 || _places.Value.Match(finding.Location ?? string.Empty, fileName: true).Count > 0);

    /// <summary>Versions compare without the quotes some services put around ETags and others leave off.</summary>
    internal static bool SameVersion(string current, string recorded) =>
        string.Equals(current.Trim('"'), recorded.Trim('"'), StringComparison.Ordinal);

    /// <summary>
    /// Whether the item, as read from its source under its real name and in its folder, still mentions the subject; with
    /// <paramref name="contentOnly"/>, whether its content does (what redaction can change; the name gives only the type).
    /// </summary>
    private async Task<bool> StillMatchesAsync(Finding finding, string realName, Stream content, CancellationToken cancellationToken, bool contentOnly = false)
    {
        var item = new SourceItem
        {
            SourceKind = finding.SourceKind,
            Source = finding.Source,
            Location = contentOnly ? string.Empty : finding.Location,
            ItemId = finding.ItemId,
            ItemName = contentOnly ? string.Empty : realName,
            ItemUri = finding.ItemUri,
            Version = finding.Version,
            Extension = finding.SourceKind == SourceKind.Mailbox ? ".eml" : Path.GetExtension(realName.Length > 0 ? realName : finding.ItemId).ToLowerInvariant(),
        };
        var scanner = new ItemScanner(new SweepOptions(_options.Subject, Array.Empty<IItemSource>()) { MinimumConfidence = Confidence.Low });
        var (outcome, found, _) = await scanner.ScanAsync(new OpenedSource(content), item, cancellationToken).ConfigureAwait(false);
        return outcome == ItemScanner.Outcome.Match && found is not null && found.SubjectMatches.Length > 0;
    }

    /// <summary>The redacted bytes of an Office or text item and a description, or null bytes and the reason it cannot be redacted.</summary>
    private (byte[]? Bytes, string Description, bool Partial) Redact(string extension, byte[] bytes)
    {
        if (OfficeRedactor.IsOffice(extension))
        {
            var (redactedOffice, replaced) = OfficeRedactor.Redact(bytes, extension, new RedactionMatcher(_options.Subject), _options.Marker);
            return replaced == 0 || redactedOffice is null
                ? (null, RemovalOutcome.SkippedNoLongerMatches, false)
                : (redactedOffice, $"{replaced} occurrence(s) replaced with {_options.Marker}.", false);
        }

        bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            return (null, "Only UTF-8 text can be redacted without changing the rest of the file.", false);
        }

        // JSON and XML are matched as the text their escapes stand for, as the sweep read them ("S\u00F8ren", "S&#248;ren"), and
        // replaced where they are written.
        string read = Extraction.EscapedText.Read(text, out int[]? rawAt);
        var forms = new RedactionMatcher(_options.Subject);
        var matches = forms.Match(read);
        if (matches.Count == 0)
        {
            return (null, RemovalOutcome.SkippedNoLongerMatches, false);
        }

        // Overlapping forms ("S. Østergaard" found as initials and as a short form) become one span, replaced once.
        var spans = new List<(int Start, int End)>();
        foreach (var match in matches.Where(m => m.Start + m.Length <= read.Length).OrderBy(m => m.Start))
        {
            var (matchStart, matchEnd) = Extraction.EscapedText.Written(rawAt, match.Start, match.Start + match.Length);
            if (spans.Count > 0 && matchStart < spans[spans.Count - 1].End)
            {
                spans[spans.Count - 1] = (spans[spans.Count - 1].Start, Math.Max(spans[spans.Count - 1].End, matchEnd));
            }
            else
            {
                spans.Add((matchStart, matchEnd));
            }
        }

        var builder = new StringBuilder(text);
        for (int i = spans.Count - 1; i >= 0; i--)
        {
            ReplaceKeepingCells(builder, text, spans[i].Start, spans[i].End, _options.Marker);
        }

        string redactedText = builder.ToString();
        byte[] body = Encoding.UTF8.GetBytes(redactedText);
        byte[] result = bom ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body;
        int count = spans.Count;
        int left = SurnamesNearIdentifiers(forms, rawAt is null ? redactedText : Extraction.EscapedText.Read(redactedText, out _));
        return (result, left > 0
            ? $"{count} occurrence(s) replaced with {_options.Marker}; the surname still stands alone {left} time(s) near another identifier: review the item."
            : $"{count} occurrence(s) replaced with {_options.Marker}.", left > 0);
    }

    /// <summary>
    /// Replaces the span [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="text"/> in
    /// <paramref name="builder"/> (the same text, changed only after the span) with <paramref name="marker"/>, piece by piece:
    /// a name may stand in two cells of a row ("Søren;Østergaard", "\"Østergaard\",\"Søren\""), in two fields of a record
    /// ("\"firstName\":\"Søren\",\"lastName\":\"Østergaard\"", XML elements: <see cref="Detection.FieldGap"/>) or over two lines,
    /// and one marker for the whole would join the cells and shift every column after them, or take a record's keys with it.
    /// Separators, quotes, line breaks and the keys between fields stay, and so does the whitespace around each piece.
    /// </summary>
    internal static void ReplaceKeepingCells(StringBuilder builder, string text, int start, int end, string marker)
    {
        var pieces = new List<(int Start, int End)>();
        for (int i = start; i < end; )
        {
            while (i < end && (IsCellBoundary(i) || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int from = i;
            int next = -1;
            while (i < end && !IsCellBoundary(i) && (i == from || (next = Detection.FieldGap.ValueStart(text, i, end)) < 0))
            {
                i++;
            }

            // A field's boundary may also open with the value's closing quote ("Søren","lastName":"Østergaard").
            next = next < 0 && i > from && i < end ? Detection.FieldGap.ValueStart(text, i, end) : next;
            int to = i;
            while (to > from && char.IsWhiteSpace(text[to - 1]))
            {
                to--;
            }

            if (to > from)
            {
                pieces.Add((from, to));
            }

            i = next >= 0 ? next : i;
        }

        for (int k = pieces.Count - 1; k >= 0; k--)
        {
            builder.Remove(pieces[k].Start, pieces[k].End - pieces[k].Start).Insert(pieces[k].Start, marker);
        }

        // A ';' that ends an XML character reference ("S&#248;ren") is inside the piece, not a cell's end.
        bool IsCellBoundary(int at) => text[at] is ',' or ';' or '|' or '\t' or '"' or '\n' or '\r' && !(text[at] == ';' && EndsReference(at));

        bool EndsReference(int at)
        {
            for (int k = at - 1; k >= Math.Max(start, at - Extraction.EscapedText.LongestEscape); k--)
            {
                if (text[k] == '&')
                {
                    return k < at - 1;
                }

                if (!char.IsLetterOrDigit(text[k]) && text[k] != '#')
                {
                    return false;
                }
            }

            return false;
        }
    }

    /// <summary>The run's first line: if the log cannot take it (torn, unwritable, a folder, a full disk), nothing is touched.</summary>
    private void RecordStart(IReadOnlyList<PlannedRemoval> plan)
    {
        if (_options.AuditLog is null)
        {
            return;
        }

        var subjects = plan.Select(p => p.Finding.CaseId).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        lock (_auditGate)
        {
            _options.AuditLog.Append(new AuditEntry
            {
                Action = "RemovalStarted",
                Command = _options.Command,
                CaseId = subjects.Count == 1 ? subjects[0] : _options.Subject.CaseId,
                SignedInAs = _options.Operator,
                SubjectIdentifiers = SubjectIdentifiers(),
                Scope = $"mode:{_options.Mode}",
                Counts = new Dictionary<string, long> { ["items"] = plan.Count, ["acted"] = plan.Count(p => p.IsActedOn) },
                Outcome = "Started",
            });
        }
    }

    /// <summary>Written and flushed before an item is acted on, so no action ever goes unrecorded.</summary>
    private void RecordIntent(PlannedRemoval planned) => Record(planned.Finding, planned.Mode, RemovalOutcome.Intended);

    /// <summary>How often the person's surname stands alone within 300 characters of an identifier (any detector's) in redacted text.</summary>
    private static int SurnamesNearIdentifiers(RedactionMatcher redaction, string text)
    {
        var surnames = redaction.BareSurnames(text);
        if (surnames.Count == 0)
        {
            return 0;
        }

        var identifiers = new Detection.Discovery.DiscoveryScanner().ScanIdentifiers(text);
        return surnames.Count(s => identifiers.Any(d => Math.Abs(d.Start - s) <= 300));
    }

    private void Record(Finding finding, RemovalResult result, string outcome) =>
        Record(finding, (RemovalMode)Enum.Parse(typeof(RemovalMode), result.Mode), outcome);

    private void Record(Finding finding, RemovalMode mode, string outcome)
    {
        if (_options.AuditLog is null)
        {
            return;
        }

        lock (_auditGate)
        {
            _options.AuditLog.Append(new AuditEntry
            {
                Action = "Removal",
                Command = _options.Command,
                CaseId = finding.CaseId,
                SignedInAs = _options.Operator,
                SubjectIdentifiers = SubjectIdentifiers(),
                // Item ids of files are paths, which can name people: only their hash is logged.
                Scope = $"{finding.SourceKind} {finding.Source} item:{ShortHash(finding.ItemId)} mode:{mode}",
                Counts = new Dictionary<string, long> { ["items"] = 1 },
                Outcome = outcome,
            });
        }
    }

    private List<string> SubjectIdentifiers() => _options.Subject.GetIdentifiers().Select(i => i.Kind + ":" + i.Value).ToList();

    private static string ShortHash(string value)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(value)).Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A checked redaction: the bytes to write, what was replaced, and whether the surname was left near another identifier.</summary>
    private sealed record Redaction(byte[] Bytes, string Description, bool Partial);

    /// <summary>Lets the scanner read a stream that is already open.</summary>
    private sealed class OpenedSource : IItemSource
    {
        private readonly Stream _content;

        public OpenedSource(Stream content) => _content = content;

        public string DisplayName => "item";

        public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            yield break;
        }

        public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) => Task.FromResult<Stream>(new NonClosingStream(_content));
    }

    /// <summary>The scanner disposes what it opens; the remover still owns the underlying stream.</summary>
    private sealed class NonClosingStream : Stream
    {
        private readonly Stream _inner;

        public NonClosingStream(Stream inner) => _inner = inner;

        public override bool CanRead => _inner.CanRead;

        public override bool CanSeek => _inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => _inner.Length;

        public override long Position { get => _inner.Position; set => _inner.Position = value; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
