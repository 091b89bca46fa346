using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Sweep;

public class PersonalDataSweepTests
{
    private static async Task<RecordingHost> Sweep(SubjectProfile subject, IItemSource source, Action<SweepOptions>? configure = null, CancellationToken token = default)
    {
        var host = new RecordingHost();
        var options = new SweepOptions(subject, new[] { source }) { ThrottleLimit = 2 };
        configure?.Invoke(options);
        await new PersonalDataSweep(options, host).RunAsync(token);
        return host;
    }

    [Theory]
    [InlineData(1_500_000)] // the earlier chunk is held back until the match
    [InlineData(2_500_000)] // past the hold-back limit the item is scanned as it streams
    public async Task A_subject_found_only_in_a_later_chunk_still_gets_the_categories_of_the_earlier_ones(int matchAt)
    {
        using var dir = new TempFolder();
        // The CPR and the IBAN sit in the first 1 MB chunk; the subject's address only in the third.
        var text = new StringBuilder("Payroll. CPR-nr.: 150390-1230. IBAN NL91ABNA0417164300.\n");
        while (text.Length < matchAt)
        {
            text.Append("Routine minutes of the works council, nothing personal here at all.\n");
        }

        text.Append("Forwarded to soeren.oestergaard@nordlys.example.\n");
        File.WriteAllText(Path.Combine(dir.Path, "long.txt"), text.ToString());
        File.WriteAllText(Path.Combine(dir.Path, "other.txt"), "CPR-nr.: 150390-1230 of somebody else, and no subject.");
        var subject = new SubjectProfileBuilder().AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).Build();

        var host = await Sweep(subject, new FileSystemSource(dir.Path));

        var finding = Assert.Single(host.Findings);
        Assert.Equal("long.txt", finding.ItemName);
        Assert.Equal("DK_CPR;IBAN;EMAIL", finding.Categories);
        Assert.Contains("DK_CPR:1", finding.CategoryMatches, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file's first chunk (32,768 characters) ends after "soeren.oestergaard@nordlys.example", which goes on as
    /// someone else's address ".other.org": the file does not name the subject and is not reported (an erasure would act
    /// on it). The same file with the address whole at the same place is reported, once, with its categories.
    /// </summary>
    [Fact]
    public async Task A_chunk_that_ends_inside_someone_elses_address_does_not_make_a_match()
    {
        const string Address = "soeren.oestergaard@nordlys.example";
        using var dir = new TempFolder();
        string Text(string after) => new StringBuilder().Append("CPR-nr.: 150390-1230.").Append(' ', GdprOps.Extraction.ChunkingTextSink.DefaultChunkChars - Address.Length - 21)
            .Append(Address).Append(after).Append(" wrote this.\n").Append(' ', 2000).ToString();
        File.WriteAllText(Path.Combine(dir.Path, "cut.txt"), Text(".other.org"));
        File.WriteAllText(Path.Combine(dir.Path, "whole.txt"), Text(string.Empty));
        var subject = new SubjectProfileBuilder().AddEmails(new[] { Address }).Build();

        var host = await Sweep(subject, new FileSystemSource(dir.Path));

        var finding = Assert.Single(host.Findings);
        Assert.Equal("whole.txt", finding.ItemName);
        Assert.Equal(1, finding.MatchCount);
        Assert.Equal("DK_CPR;EMAIL", finding.Categories);
    }

    [Fact]
    public async Task A_file_whose_only_mention_is_its_name_written_with_underscores_is_found()
    {
        // A scanned payslip or a CV whose text says nothing of the person: its name is the only place the person stands.
        using var dir = new TempFolder();
        dir.File("HR/Soeren_Aabye_Oestergaard_loenseddel_2026-11.txt", "Lønseddel november 2026. Udbetalt: 31.250,00 kr.");
        dir.File("HR/CV-Mette-Holm.txt", "Curriculum vitae");
        var subject = new SubjectProfileBuilder { CaseId = "DSAR-9" }.AddNames(new[] { "Søren Aabye Østergaard" }).Build();

        var host = await Sweep(subject, new FileSystemSource(dir.Path));

        var finding = Assert.Single(host.Findings);
        Assert.EndsWith("Soeren_Aabye_Oestergaard_loenseddel_2026-11.txt", finding.ItemId, StringComparison.Ordinal);
        Assert.Equal(("Name", "FileName"), (finding.SubjectMatches, finding.Where));
    }

    [Fact]
    public async Task Sample_share_gives_exactly_the_planted_items()
    {
        var host = await Sweep(SubjectProfileFile.Load(TestPaths.SampleSubject), new FileSystemSource(TestPaths.SampleShare));
        var byItem = host.Findings.ToDictionary(f => f.ItemId.Replace('\\', '/'), StringComparer.Ordinal);

        Assert.Equal(
            new[]
            {
                "Finance/Søren Østergaard - invoice 2026-118.pdf",
                "HR/Personnel/employment-contract-0042.txt",
                "HR/sick-leave-2026.csv",
                "Marketing/newsletter-list.html",
                "Sales/crm-export.json",
                "Support/ticket-4711.eml",
            },
            byItem.Keys.OrderBy(k => k, StringComparer.Ordinal));

        Assert.Equal("Email;Name;DK_CPR", byItem["HR/Personnel/employment-contract-0042.txt"].SubjectMatches);
        Assert.Equal("DK_CPR;EMAIL", byItem["HR/Personnel/employment-contract-0042.txt"].Categories);
        Assert.Equal("Name", byItem["HR/sick-leave-2026.csv"].SubjectMatches);
        // A name with no other identifier of the person may be a namesake: Low, so erasure waits for a reviewer.
        Assert.Equal(Confidence.Low, byItem["HR/sick-leave-2026.csv"].Confidence);
        Assert.Equal("Email;Phone;OtherId", byItem["Sales/crm-export.json"].SubjectMatches);
        Assert.Equal("Email;Name;Phone", byItem["Support/ticket-4711.eml"].SubjectMatches);
        Assert.Equal(Confidence.High, byItem["Support/ticket-4711.eml"].Confidence);
        Assert.Equal("Header;Body", byItem["Support/ticket-4711.eml"].Where);

        var invoice = byItem["Finance/Søren Østergaard - invoice 2026-118.pdf"];
        Assert.Equal(ScanStatus.Scanned, invoice.Status);
        Assert.Equal("Name;OtherId", invoice.SubjectMatches);
        Assert.Equal("FileName;Body", invoice.Where);

        foreach (var finding in host.Findings)
        {
            Assert.Equal("DSAR-2026-0042", finding.CaseId);
            Assert.Equal(SourceKind.FileShare, finding.SourceKind);
            Assert.True(File.Exists(finding.ItemUri));
            Assert.NotNull(finding.Version);
            Assert.DoesNotContain("oestergaard@", finding.Evidence, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("1234", finding.Evidence, StringComparison.Ordinal);
        }

        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task Nothing_personal_reaches_verbose_warning_progress_or_error_text()
    {
        using var dir = new TempFolder();
        dir.File("a/notes.txt", "Søren Østergaard soeren.oestergaard@nordlys.example 010190-1234");
        dir.File("a/photo.jpg", "not really a jpeg");
        var subject = SubjectProfileFile.Load(TestPaths.SampleSubject);
        var host = await Sweep(subject, new FileSystemSource(dir.Path), o => o.MaxItemBytes = 10);
        host.WriteItemError(ItemErrors.FromException(new IOException("disk"), Path.Combine(dir.Path, "a", "notes.txt")));

        string text = host.AllText;
        Assert.NotEmpty(host.Verbose);
        foreach (string secret in new[] { "oestergaard@", "Søren", "Soeren", "0101901234", "010190-1234", "20123456", "CUST-10023" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Oversized_and_binary_text_files_are_reported_not_scanned()
    {
        using var dir = new TempFolder();
        dir.File("big.txt", new string('x', 5000));
        File.WriteAllBytes(Path.Combine(dir.Path, "binary.txt"), new byte[] { 0x4D, 0x5A, 0, 0, 1, 2, 3 });
        dir.File("clean.txt", "nothing here");
        var host = await Sweep(Profile("anna@fjord.example"), new FileSystemSource(dir.Path), o => o.MaxItemBytes = 1000);

        var notScanned = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToDictionary(f => f.ItemName);
        Assert.Equal(new[] { "big.txt", "binary.txt" }, notScanned.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("size limit", notScanned["big.txt"].StatusReason, StringComparison.Ordinal);
        Assert.Contains("Binary", notScanned["binary.txt"].StatusReason, StringComparison.Ordinal);
        Assert.All(notScanned.Values, f => Assert.Null(f.Confidence));
    }

    [Fact]
    public async Task Unsupported_types_are_counted_in_one_warning_or_listed_on_request()
    {
        using var dir = new TempFolder();
        dir.File("a.bin", "raw");
        dir.File("b.bin", "raw");
        dir.File("c.png", "png");
        var host = await Sweep(Profile("anna@fjord.example"), new FileSystemSource(dir.Path));
        Assert.Empty(host.Findings);
        var warning = Assert.Single(host.Warnings);
        Assert.Contains(".bin 2", warning, StringComparison.Ordinal);
        Assert.Contains(".png 1", warning, StringComparison.Ordinal);

        var listed = await Sweep(Profile("anna@fjord.example"), new FileSystemSource(dir.Path), o => o.IncludeUnscanned = true);
        Assert.Equal(3, listed.Findings.Count(f => f.Status == ScanStatus.NotScanned));
        Assert.Empty(listed.Warnings);
    }

    [Fact]
    public async Task Saved_outlook_messages_and_rtf_letters_are_swept_like_mail_and_documents()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "sick note.msg"), new GdprOps.Testing.OutlookMessageBuilder()
            .Subject("Sick leave").From("Søren Østergaard", "soeren.oestergaard@nordlys.example").Body("Diagnosis from the huisarts: sick leave until May.").Build());
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "letter.rtf"), Encoding.ASCII.GetBytes(@"{\rtf1\ansi Dear S\'f8ren \u216?stergaard,\par}"));
        File.WriteAllBytes(System.IO.Path.Combine(dir.Path, "lunch.msg"), new GdprOps.Testing.OutlookMessageBuilder().Subject("Lunch").Body("Pizza?").Build());
        var subject = new SubjectProfileBuilder().AddNames(new[] { "Søren Østergaard" }).AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).Build();

        var host = await Sweep(subject, new FileSystemSource(dir.Path));

        var byItem = host.Findings.ToDictionary(f => f.ItemId, StringComparer.Ordinal);
        Assert.Equal(new[] { "letter.rtf", "sick note.msg" }, byItem.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("Email;Name", byItem["sick note.msg"].SubjectMatches);
        Assert.Equal("Header", byItem["sick note.msg"].Where);
        Assert.Contains("ART9_HEALTH", byItem["sick note.msg"].Categories, StringComparison.Ordinal);
        Assert.Equal("Name", byItem["letter.rtf"].SubjectMatches);
        Assert.All(host.Findings, f => Assert.Equal(ScanStatus.Scanned, f.Status));
        Assert.Empty(host.Warnings);
        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task Paths_longer_than_260_characters_are_swept()
    {
        using var dir = new TempFolder();
        string deep = string.Join("/", Enumerable.Range(0, 6).Select(i => "folder-with-a-long-name-number-" + i + new string('x', 20)));
        string file = dir.File(deep + "/personnel-record-with-a-long-file-name.txt", "mail anna@fjord.example");
        Assert.True(file.Length > 300);
        var host = await Sweep(Profile("anna@fjord.example"), new FileSystemSource(dir.Path));
        Assert.Equal(file, Assert.Single(host.Findings).ItemUri);
        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task A_failing_item_is_an_item_error_and_the_run_goes_on()
    {
        var source = new FakeSource(
            ("ok1.txt", () => new MemoryStream(Encoding.UTF8.GetBytes("mail anna@fjord.example"))),
            ("denied.txt", () => throw new UnauthorizedAccessException("no")),
            ("gone.txt", () => throw new FileNotFoundException("gone")),
            ("broken.txt", () => new ThrowingStream()),
            ("ok2.txt", () => new MemoryStream(Encoding.UTF8.GetBytes("ANNA@FJORD.EXAMPLE"))));
        var host = await Sweep(Profile("anna@fjord.example"), source);

        Assert.Equal(new[] { "ok1.txt", "ok2.txt" }, host.Findings.Where(f => f.Status == ScanStatus.Scanned).Select(f => f.ItemName).OrderBy(n => n, StringComparer.Ordinal));
        var errors = host.Errors.ToDictionary(e => e.Target);
        Assert.Equal(ErrorIds.FileAccessDenied, errors["fake://denied.txt"].ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, errors["fake://denied.txt"].Kind);
        Assert.Equal(ErrorIds.FileNotFound, errors["fake://gone.txt"].ErrorId);
        Assert.Equal(ErrorIds.FileReadFailed, errors["fake://broken.txt"].ErrorId);

        // Each failed item is also a row of the report, so a reviewer of the CSV sees what was not read, and why.
        var unread = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToDictionary(f => f.ItemId);
        Assert.Equal(new[] { "broken.txt", "denied.txt", "gone.txt" }, unread.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("fake://denied.txt", unread["denied.txt"].ItemUri);
        Assert.Equal("Not read: Access to the item was denied. (" + ErrorIds.FileAccessDenied + ")", unread["denied.txt"].StatusReason);
        Assert.All(unread.Values, f => Assert.True(f.Categories.Length == 0 && f.SubjectMatches.Length == 0 && f.Confidence is null, f.ItemId));
    }

    /// <summary>
    /// An exception nobody translated (a parser's, an SDK's wall-clock regex timeout, a timeout that is not the user's)
    /// used to escape the worker and end the whole run: it is that item's error and row, and the rest is swept.
    /// </summary>
    [Fact]
    public async Task An_item_failing_in_a_way_nobody_translated_is_its_own_error_and_the_run_goes_on()
    {
        var source = new FakeSource(
            ("ok1.txt", () => new MemoryStream(Encoding.UTF8.GetBytes("mail anna@fjord.example"))),
            ("odd.txt", () => throw new InvalidOperationException("anna@fjord.example broke the parser")),
            ("slow.txt", () => throw new TaskCanceledException("timed out")),
            ("ok2.txt", () => new MemoryStream(Encoding.UTF8.GetBytes("ANNA@FJORD.EXAMPLE"))));
        var host = await Sweep(Profile("anna@fjord.example"), source);

        Assert.Equal(new[] { "ok1.txt", "ok2.txt" }, host.Findings.Where(f => f.Status == ScanStatus.Scanned).Select(f => f.ItemName).OrderBy(n => n, StringComparer.Ordinal));
        var unread = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToDictionary(f => f.ItemId);
        Assert.Equal("Not read: The item could not be read: InvalidOperationException. (" + ErrorIds.FileReadFailed + ")", unread["odd.txt"].StatusReason);
        Assert.Equal("Not read: The item could not be read: TaskCanceledException. (" + ErrorIds.FileReadFailed + ")", unread["slow.txt"].StatusReason);
        Assert.Equal(2, host.Errors.Count);
        Assert.DoesNotContain("anna@fjord.example", host.AllText, StringComparison.OrdinalIgnoreCase); // the exception's message is not shown
    }

    [Fact]
    public async Task A_source_that_cannot_be_listed_is_a_NotScanned_row_with_its_kind_and_name_and_the_other_sources_are_swept()
    {
        var failing = new UnlistableSource(new SourceItemException(ErrorIds.MailboxAccessDenied, ErrorKind.PermissionDenied, "The app may not read this mailbox (HTTP 403 ErrorAccessDenied)."));
        var good = new FakeSource(("ok.txt", () => new MemoryStream(Encoding.UTF8.GetBytes("mail anna@fjord.example"))));
        var host = new RecordingHost();
        var summary = await new PersonalDataSweep(new SweepOptions(Profile("anna@fjord.example"), new IItemSource[] { failing, good }) { ThrottleLimit = 2 }, host).RunAsync(CancellationToken.None);

        Assert.Equal("ok.txt", Assert.Single(host.Findings, f => f.Status == ScanStatus.Scanned).ItemId);
        var row = Assert.Single(host.Findings, f => f.Status == ScanStatus.NotScanned);
        Assert.Equal(SourceKind.Mailbox, row.SourceKind);
        Assert.Equal("olga@contoso.example", row.Source);
        Assert.Equal("mailbox olga@contoso.example", row.ItemId); // as the error names it
        Assert.Equal("Not listed, so not searched: The app may not read this mailbox (HTTP 403 ErrorAccessDenied). (" + ErrorIds.MailboxAccessDenied + ")", row.StatusReason);
        Assert.Equal(ErrorIds.MailboxAccessDenied, Assert.Single(host.Errors).ErrorId);
        Assert.Equal(1, summary.Errors);
        Assert.Equal(1, summary.NotScanned);
    }

    [Fact]
    public async Task A_part_the_connector_could_not_list_is_a_NotScanned_row_naming_it_and_is_given_again_on_resume()
    {
        using var dir = new TempFolder();
        var source = new UnlistableSource(null, new ItemError(ErrorIds.DirectoryAccessDenied, ErrorKind.PermissionDenied, "/share/HR", "The folder could not be listed: access denied."));
        var checkpoint = SweepCheckpoint.Open(Path.Combine(dir.Path, "checkpoint.json"));
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Profile("anna@fjord.example"), new IItemSource[] { source }) { Checkpoint = checkpoint }, host).RunAsync(CancellationToken.None);

        var row = Assert.Single(host.Findings);
        Assert.Equal(ScanStatus.NotScanned, row.Status);
        Assert.Equal((SourceKind.Mailbox, "olga@contoso.example", "/share/HR", "/share/HR"), (row.SourceKind, row.Source, row.ItemId, row.ItemUri));
        Assert.StartsWith("Not listed, so not searched: The folder could not be listed: access denied.", row.StatusReason, StringComparison.Ordinal);
        Assert.Single(host.Errors);

        // The listing itself finished, so the source is done; the row comes back with it when the run is resumed.
        var resumed = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Profile("anna@fjord.example"), new IItemSource[] { source }) { Checkpoint = SweepCheckpoint.Open(Path.Combine(dir.Path, "checkpoint.json")) }, resumed).RunAsync(CancellationToken.None);
        Assert.Equal("/share/HR", Assert.Single(resumed.Findings).ItemUri);
        Assert.Equal(1, source.Listings);
    }

    [Fact]
    public async Task Cancellation_stops_the_sweep_promptly()
    {
        using var cts = new CancellationTokenSource();
        var source = new EndlessSource(afterItems: 50, cts);
        var host = new RecordingHost();
        var options = new SweepOptions(Profile("anna@fjord.example"), new[] { source }) { ThrottleLimit = 2 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PersonalDataSweep(options, host).RunAsync(cts.Token));
        Assert.InRange(source.Listed, 50, 50 + 64);
    }

    private static SubjectProfile Profile(string email) => new SubjectProfileBuilder().AddEmails(new[] { email }).Build();

    private sealed class FakeSource : IItemSource
    {
        private readonly (string Name, Func<Stream> Open)[] _items;

        public FakeSource(params (string Name, Func<Stream> Open)[] items) => _items = items;

        public string DisplayName => "fake";

        public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var (name, _) in _items)
            {
                yield return new SourceItem { ItemId = name, ItemName = name, ItemUri = "fake://" + name, Extension = Path.GetExtension(name), Source = "fake" };
            }
        }

        public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
            Task.FromResult(_items.Single(i => i.Name == item.ItemName).Open());
    }

    /// <summary>A mailbox whose listing fails with <c>failure</c>, or reports <c>part</c> as not listed and ends.</summary>
    private sealed class UnlistableSource : IItemSource, IDescribedSource, ICheckpointedSource
    {
        private readonly Exception? _failure;
        private readonly ItemError? _part;

        public UnlistableSource(Exception? failure, ItemError? part = null)
        {
            _failure = failure;
            _part = part;
        }

        public int Listings { get; private set; }

        public string DisplayName => "mailbox olga@contoso.example";

        public string CheckpointKey => "mailbox:olga@contoso.example";

        public SourceItem Describe() => new() { SourceKind = SourceKind.Mailbox, Source = "olga@contoso.example" };

        public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            Listings++;
            if (_part is not null)
            {
                host.WriteItemError(_part);
            }

            if (_failure is not null)
            {
                throw _failure;
            }

            yield break;
        }

        public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) => throw new InvalidOperationException("nothing to open");
    }

    private sealed class EndlessSource : IItemSource
    {
        private readonly int _afterItems;
        private readonly CancellationTokenSource _cts;
        private int _listed;

        public EndlessSource(int afterItems, CancellationTokenSource cts)
        {
            _afterItems = afterItems;
            _cts = cts;
        }

        public int Listed => _listed;

        public string DisplayName => "endless";

        public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (int i = 0; ; i++)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                if (Interlocked.Increment(ref _listed) == _afterItems)
                {
                    _cts.Cancel();
                }

                yield return new SourceItem { ItemId = i + ".txt", ItemName = i + ".txt", ItemUri = "endless://" + i, Extension = ".txt" };
            }
        }

        public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
            Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes("nothing")));
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("device error");

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("device error");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("device error");
    }
}
