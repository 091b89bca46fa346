using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Http;
using GdprOps.GraphSimulator.Model;
using GdprOps.Model;
using GdprOps.Retention;
using GdprOps.Sources.Graph;
using GdprOps.Subjects;
using GdprOps.Sweep;
using Xunit;

namespace GdprOps.Tests.Sources.Graph;

public sealed class GraphSweepTests : IAsyncLifetime
{
    private static readonly TenantSpec Spec = new() { Users = 8, SharedMailboxes = 2, MessagesPerMailbox = 30, FilesPerDrive = 3, Seed = 11 };
    private GraphSimulatorServer server = null!;
    private GroundTruth truth = null!;

    public async Task InitializeAsync()
    {
        var (tenant, generated) = TenantGenerator.Generate(Spec);
        truth = generated;
        server = await GraphSimulatorServer.StartAsync(tenant);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private GraphSweepScope Everything(bool deep = false) => new()
    {
        AllMailboxes = true,
        // Named explicitly: -AllMailboxes lists only users with a mailbox address.
        Mailboxes = server.Tenant.Users.Where(u => u.MailboxKind == MailboxKind.None).Select(u => u.UserPrincipalName).ToList(),
        AllSites = true,
        OneDrives = server.Tenant.Users.Where(u => u.Drive is not null).Select(u => u.UserPrincipalName).ToList(),
        Teams = server.Tenant.Groups.Select(g => g.Id).ToList(),
        Deep = deep,
    };

    [Fact]
    public async Task A_deep_subject_sweep_finds_every_planted_item_and_nothing_else()
    {
        var person = PlantedPerson.All[0];
        using var connection = GraphTenant.Connect(server);
        var (host, summary) = await GraphTenant.SweepAsync(connection, Everything(deep: true), GraphTenant.Profile(person));

        var expected = truth.For(person.Key).Select(i => i.ItemId).ToHashSet();
        Assert.Equal(expected.OrderBy(x => x), GraphTenant.Ids(host.Findings).OrderBy(x => x));
        Assert.DoesNotContain(host.Findings, f => truth.Decoys.Any(d => d.ItemId == f.ItemId));
        var attachment = host.Findings.Single(f => f.ItemId == truth.For(person.Key).Single(i => i.Format == "docx" && i.Source == "mail").ItemId);
        Assert.Contains("Attachment:letter.docx", attachment.Where, StringComparison.Ordinal);
        Assert.Equal(SourceKind.Mailbox, attachment.SourceKind);
        Assert.NotNull(attachment.Version);
        var header = host.Findings.Single(f => f.ItemId == truth.For(person.Key).Single(i => i.Location == "header").ItemId);
        Assert.Contains("Header", header.Where, StringComparison.Ordinal);
        // What export and removal need to reach an item again: the drive id and item id, the version, a link.
        var files = host.Findings.Where(f => f.SourceKind == SourceKind.Drive).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.True(server.Tenant.Drives[f.Source].Items.ContainsKey(f.ItemId)));
        Assert.All(files, f => Assert.StartsWith("\"{", f.Version, StringComparison.Ordinal));
        Assert.All(host.Findings.Where(f => f.Status != ScanStatus.NotScanned), f => Assert.StartsWith("https://", f.ItemUri, StringComparison.Ordinal));

        // The out-of-scope mailbox and the user without one are their own errors; the run went on. Each is also a
        // NotScanned row of the report, named as the error names it, with the error id in its reason.
        Assert.Contains(host.Errors, e => e.ErrorId == ErrorIds.MailboxAccessDenied && e.Kind == ErrorKind.PermissionDenied);
        Assert.Contains(host.Errors, e => e.ErrorId == ErrorIds.MailboxNotFound);
        Assert.Equal(2, summary.Errors);
        var unread = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToList();
        Assert.Equal(host.Errors.Select(e => e.Target).OrderBy(t => t, StringComparer.Ordinal), unread.Select(f => f.ItemId).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(unread, f => Assert.Equal((SourceKind.Mailbox, "mailbox " + f.Source), (f.SourceKind, f.ItemId)));
        Assert.Contains(unread, f => f.StatusReason!.EndsWith("(" + ErrorIds.MailboxAccessDenied + ")", StringComparison.Ordinal));
        Assert.Contains(unread, f => f.StatusReason!.EndsWith("(" + ErrorIds.MailboxNotFound + ")", StringComparison.Ordinal));
        Assert.Equal(summary.Sources, summary.SourcesDone);
        Assert.DoesNotContain(person.Email, host.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.NationalId, host.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
    }

    [Fact]
    public async Task Places_of_the_scope_that_do_not_resolve_are_each_an_error_and_a_NotScanned_row()
    {
        // A site, a OneDrive and a team that do not exist, and with -MailboxType a mailbox whose type the app may not read:
        // none of them was searched, and the report the DPO reviews must say so, not only the error stream.
        string site = "https://" + server.Tenant.SharePointHost + "/sites/no-such-site";
        string user = "nobody@" + server.Tenant.Domain;
        var scope = new GraphSweepScope { AllMailboxes = true, MailboxType = "Shared", Sites = new[] { site }, OneDrives = new[] { user }, Teams = new[] { "No Such Team" } };
        using var connection = GraphTenant.Connect(server);

        var (host, summary) = await GraphTenant.SweepAsync(connection, scope, null);

        var unread = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToList();
        var forbidden = server.Tenant.Users.Single(u => u.MailboxKind == MailboxKind.Forbidden).UserPrincipalName;
        var expected = new[] { "site " + site, "OneDrive of " + user, "team No Such Team", "mailbox " + forbidden };
        // Each place once: one error, one row, named alike.
        Assert.Equal(expected.OrderBy(t => t, StringComparer.Ordinal), host.Errors.Select(e => e.Target).OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal(expected.OrderBy(t => t, StringComparer.Ordinal), unread.Select(f => f.ItemId).OrderBy(t => t, StringComparer.Ordinal));
        Assert.Equal(expected.Length, summary.Errors);
        Assert.All(unread, f => Assert.StartsWith("Not listed, so not searched: ", f.StatusReason, StringComparison.Ordinal));
        Assert.Equal((SourceKind.Drive, site), unread.Where(f => f.ItemId == "site " + site).Select(f => (f.SourceKind, f.Source)).Single());
        Assert.Equal((SourceKind.Drive, user), unread.Where(f => f.ItemId == "OneDrive of " + user).Select(f => (f.SourceKind, f.Owner)).Single());
        Assert.Equal((SourceKind.Mailbox, forbidden), unread.Where(f => f.ItemId == "mailbox " + forbidden).Select(f => (f.SourceKind, f.Source)).Single());
        Assert.EndsWith("(" + ErrorIds.MailboxAccessDenied + ")", unread.Single(f => f.ItemId == "mailbox " + forbidden).StatusReason, StringComparison.Ordinal);

        // Piped to removal, none of them is acted on.
        var results = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(GraphTenant.Profile(PlantedPerson.All[0])),
            new GdprOps.Sources.SourceItemRemover(connection), new RecordingHost()).RunAsync(unread, CancellationToken.None);
        Assert.Equal(expected.Length, results.Count);
        Assert.All(results, r => Assert.Equal(GdprOps.Removal.RemovalOutcome.SkippedNotScanned, r.Outcome));
    }

    [Fact]
    public async Task The_index_prefilter_finds_headers_bodies_and_files_with_few_requests_and_verifies_away_the_decoys()
    {
        var person = PlantedPerson.All[1];
        using var connection = GraphTenant.Connect(server);
        var (host, _) = await GraphTenant.SweepAsync(connection, Everything(), GraphTenant.Profile(person));

        var indexed = truth.For(person.Key).Where(i => i.Source == "file" || i.Location is "header" or "body").Select(i => i.ItemId).ToHashSet();
        var found = GraphTenant.Ids(host.Findings);
        Assert.Subset(found, indexed);
        Assert.Subset(truth.For(person.Key).Select(i => i.ItemId).ToHashSet(), found);
        Assert.DoesNotContain(host.Findings, f => truth.Decoys.Any(d => d.ItemId == f.ItemId));

    }

    [Fact]
    public async Task A_person_who_is_not_in_the_tenant_costs_two_searches_per_mailbox()
    {
        var absent = new SubjectProfileBuilder().AddNames(new[] { "Ingrid Kvist" }).AddEmails(new[] { "ingrid.kvist@fjord.example" })
            .AddPhones(new[] { "+45 31 41 59 26" }).AddNationalIds(new[] { "DK_CPR:0101384321" }).Build();
        using var connection = GraphTenant.Connect(server);
        var (host, summary) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { AllMailboxes = true }, absent);
        Assert.All(host.Findings, f => Assert.Equal(ScanStatus.NotScanned, f.Status)); // only the mailbox the app may not read
        Assert.Equal(ErrorIds.MailboxAccessDenied, Assert.Single(host.Errors).ErrorId);
        Assert.Single(host.Findings);
        Assert.Equal(0, summary.ItemsSeen);
        var perMailbox = server.Log.CountByMailbox();
        var readable = server.Tenant.Users.Where(u => u.MailboxKind is MailboxKind.User or MailboxKind.Shared).ToList();
        Assert.All(readable, u => Assert.Equal(2, perMailbox[u.Id]));
    }

    [Fact]
    public async Task A_storm_of_429_and_503_gives_the_same_findings_politely()
    {
        var person = PlantedPerson.All[2];
        using var calm = GraphTenant.Connect(server);
        var (baseline, _) = await GraphTenant.SweepAsync(calm, Everything(), GraphTenant.Profile(person));

        server.Reset();
        server.Faults.Reseed(5);
        server.Faults.AddRate(0.15, Fault.Throttled(TimeSpan.FromSeconds(1)), r => r.Mailbox is not null);
        server.Faults.AddRate(0.1, Fault.ServiceUnavailable(TimeSpan.FromSeconds(1)));
        using var stormy = GraphTenant.Connect(server);
        var (storm, _) = await GraphTenant.SweepAsync(stormy, Everything(), GraphTenant.Profile(person));

        Assert.True(server.Log.Count(r => r.Status is 429 or 503) > 5);
        Assert.Equal(GraphTenant.Ids(baseline.Findings).OrderBy(x => x), GraphTenant.Ids(storm.Findings).OrderBy(x => x));
        Assert.Equal(baseline.Errors.Count, storm.Errors.Count);
        Assert.Empty(server.Log.RetriesBeforeRetryAfter());
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
        Assert.True(stormy.Executor.ThrottleWait > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_request_that_stays_throttled_is_given_up_with_a_clear_error_and_the_run_goes_on()
    {
        var user = server.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        server.Faults.Enqueue(Fault.Throttled(TimeSpan.FromSeconds(1)), times: 100, when: r => r.Mailbox == user.Id);
        using var connection = GraphTenant.Connect(server, maxRetryTime: TimeSpan.FromSeconds(3));
        var scope = new GraphSweepScope { Mailboxes = new[] { user.UserPrincipalName, server.Tenant.Users[1].UserPrincipalName } };
        var (host, summary) = await GraphTenant.SweepAsync(connection, scope, GraphTenant.Profile(PlantedPerson.All[0]));
        var error = Assert.Single(host.Errors);
        Assert.Equal(ErrorIds.GraphThrottled, error.ErrorId);
        Assert.Equal("mailbox " + user.UserPrincipalName, error.Target);
        Assert.Equal(2, summary.SourcesDone);
    }

    [Fact]
    public async Task A_capped_search_falls_back_to_walking_every_folder()
    {
        var (tenant, _) = (new SimTenant(seed: 4), 0);
        var owner = tenant.AddUser("dpo", "Data Officer");
        TenantGenerator.Fill(tenant, owner, "inbox", 1100, SmallNow);
        var person = PlantedPerson.All[0];
        var mailbox = owner.Mailbox!;
        var hidden = mailbox.Add(TenantGenerator.NewMessage(tenant, mailbox.WellKnown("archive"), new SimAddress("x", "x@contoso.example"), new[] { new SimAddress("y", "y@contoso.example") },
            "Note", "Bot says: call " + person.Phone, null, SmallNow.AddYears(-2), Array.Empty<SimAttachment>()));
        await using var local = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphTenant.Connect(local);
        // "Bot" is in every filler message, so an e-mail-only subject named "Bot" would cap the index: use the name.
        var subject = new SubjectProfileBuilder().AddNames(new[] { "Team Bot" }).AddPhones(new[] { person.Phone }).Build();
        var (host, summary) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName } }, subject);

        Assert.Contains(host.Verbose, v => v.Contains("cap", StringComparison.Ordinal));
        Assert.Equal(1101, summary.ItemsSeen);
        Assert.Contains(host.Findings, f => f.ItemId == hidden.ImmutableId);
        Assert.Equal(2, local.Log.Count(r => r.Endpoint == "messages.list" && r.Path.Contains("mailFolders", StringComparison.Ordinal) && r.Query.Contains("skiptoken", StringComparison.Ordinal)) + 1);
    }

    [Theory]
    [MemberData(nameof(IndexReadings))]
    public Task A_name_in_the_genitive_as_an_initial_or_without_its_middle_name_is_asked_of_the_index_whichever_way_it_matches_words(bool wholeWords, bool diacriticSensitive) =>
        // The engine counts all three as the person; the index is asked first, and Graph's docs do not say whether a term
        // matches word starts ("Østergaard" in "Østergaards") or whole words only. What the index does not return is never read.
        FoundThroughTheIndex(wholeWords, diacriticSensitive, new SubjectProfileBuilder { AllowInitials = true }.AddNames(new[] { "Søren Kierkegaard Østergaard" }).Build(),
            found: new[] { "Søren Østergaards ansøgning er modtaget.", "Mødet med S. Østergaard er flyttet til fredag.", "Søren Østergaard har fået orlov." },
            notFound: new[] { "Mødet med Jens Østergaard er flyttet til fredag." },
            files: new[] { "Søren Østergaard har fået orlov.", "Søren Østergaards ansøgning er modtaget." });

    [Theory]
    [MemberData(nameof(IndexReadings))]
    public Task A_hyphenated_first_name_written_with_a_space_is_asked_of_the_index_whichever_way_it_matches_words(bool wholeWords, bool diacriticSensitive) =>
        // The engine counts "Anne Marie de Vries" as "Anne-Marie de Vries"; the index was asked only the hyphenated form.
        FoundThroughTheIndex(wholeWords, diacriticSensitive, new SubjectProfileBuilder().AddNames(new[] { "Anne-Marie de Vries" }).Build(),
            found: new[] { "Gesprek met Anne Marie de Vries over haar verlof.", "Verlof voor Anne-Marie de Vries goedgekeurd." },
            notFound: new[] { "Gesprek met Marie de Vries over haar verlof." },
            files: new[] { "Aanvraag van Anne Marie de Vries" });

    [Theory]
    [MemberData(nameof(IndexReadings))]
    public Task A_name_typed_on_a_keyboard_without_its_letters_is_asked_of_the_index_whichever_way_it_matches_words(bool wholeWords, bool diacriticSensitive) =>
        // Without é and ü on the keyboard "José Müller" is typed "Jose Mueller": the accent dropped and the umlaut spelt out in
        // the same name. The engine counts it as the person; drive search, which asks the whole name, asked it with the umlaut
        // spelt out and the accent kept, or with both dropped ("Jose Muller"), not this way.
        FoundThroughTheIndex(wholeWords, diacriticSensitive, new SubjectProfileBuilder().AddNames(new[] { "José Müller" }).Build(),
            found: new[] { "Vertrag mit Jose Mueller unterschrieben.", "José Müller ist ab Montag im Urlaub." },
            notFound: new[] { "Vertrag mit Jose Meier unterschrieben." },
            files: new[] { "Vertrag Jose Mueller", "Zoe Oersted und Jose Mueller" });

    [Theory]
    [MemberData(nameof(IndexReadings))]
    public Task A_name_written_with_the_other_apostrophe_is_asked_of_the_index_whichever_way_it_matches_words(bool wholeWords, bool diacriticSensitive) =>
        // Word processors and phones write the typographic apostrophe (’), keyboards the straight one ('), some layouts and
        // converters the modifier letter (ʼ, a letter to Unicode: the simulator keeps it inside the word), systems that take
        // letters only none. The engine counts each as the person; the index was asked only the profile's.
        FoundThroughTheIndex(wholeWords, diacriticSensitive, new SubjectProfileBuilder().AddNames(new[] { "Seán O'Brien" }).Build(),
            found: new[] { "Meeting with Sean O’Brien about his leave.", "Seán O'Brien starts on Monday.", "Employee: Sean OBrien, start 5 January", "Leave request from Sean O\u02BCBrien" },
            notFound: new[] { "Meeting with Sean Brien about his leave." },
            files: new[] { "Contract Seán O’Brien", "Payroll export: OBrien, Sean", "Letter to Sean O\u02BCBrien" });

    [Theory]
    [MemberData(nameof(IndexReadings))]
    public Task A_phone_or_national_number_written_as_people_write_it_is_asked_of_the_index_whichever_way_it_matches_words(bool wholeWords, bool diacriticSensitive) =>
        // The profile has the phone in international format and the national numbers compact; notes write the phone
        // nationally, spaced or not, and the numbers in their groups. The engine counts every one; the index must be asked for
        // them as written, or the items are never read.
        FoundThroughTheIndex(wholeWords, diacriticSensitive, new SubjectProfileBuilder().AddPhones(new[] { "+4520123456", "+31612345678" }).AddNationalIds(new[] { "DK_CPR:0101901234", "NL_BSN:111222333" }).Build(),
            found: new[]
            {
                "Ring til ham på 20 12 34 56 i morgen.", "Mobil: 20123456", "Bel haar terug op 06 12345678 graag.", "Tel. +45 20 12 34 56",
                "CPR 010190 1234 er rettet.", "BSN: 1112.22.333", "Het BSN is 1112 22 333.",
            },
            notFound: new[] { "Ring til 20 12 34 57 i morgen." },
            files: new[] { "Mobil: 20 12 34 56" });

    /// <summary>
    /// The readings of Graph's search indexes that its docs leave open, each index theory run under all four: a term matches
    /// word starts or whole words only, and letters with marks are folded or told apart (wholeWords, diacriticSensitive).
    /// </summary>
    public static TheoryData<bool, bool> IndexReadings => new() { { false, false }, { true, false }, { false, true }, { true, true } };

    /// <summary>
    /// A mailbox of notes and a OneDrive of files, swept for <paramref name="subject"/> through the search index (no walk)
    /// with the simulator matching whole words or word starts, with or without telling marked letters from plain ones:
    /// exactly the <paramref name="found"/> notes and the files.
    /// </summary>
    private static async Task FoundThroughTheIndex(bool wholeWords, bool diacriticSensitive, SubjectProfile subject, string[] found, string[] notFound, string[] files)
    {
        var tenant = new SimTenant(seed: 5);
        var owner = tenant.AddUser("hr", "HR Desk");
        var mailbox = owner.Mailbox!;
        var drive = owner.Drive!;
        SimMessage Note(string body) => mailbox.Add(TenantGenerator.NewMessage(tenant, mailbox.WellKnown("inbox"), new SimAddress("x", "x@contoso.example"),
            new[] { new SimAddress("y", "y@contoso.example") }, "Notat", body, null, SmallNow.AddDays(-3), Array.Empty<SimAttachment>()));
        var expected = found.Select(body => Note(body).ImmutableId)
            .Concat(files.Select((text, i) => drive.AddFile(drive.Root, $"notat{i}.txt", System.Text.Encoding.UTF8.GetBytes(text), "text/plain", text, SmallNow.AddDays(-3)).Id))
            .OrderBy(x => x, StringComparer.Ordinal).ToList();
        foreach (string body in notFound)
        {
            Note(body);
        }

        await using var local = await GraphSimulatorServer.StartAsync(tenant);
        local.SearchWholeWords = wholeWords;
        local.SearchDiacriticSensitive = diacriticSensitive;
        using var connection = GraphTenant.Connect(local);

        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName }, OneDrives = new[] { owner.UserPrincipalName } }, subject);

        Assert.Contains(local.Log.Records, r => r.Endpoint == "messages.search");
        Assert.DoesNotContain(local.Log.Records, r => r.Path.Contains("delta", StringComparison.Ordinal));
        Assert.DoesNotContain(local.Log.Records, r => r.Endpoint == "messages.list" && r.Path.Contains("mailFolders", StringComparison.Ordinal));
        Assert.Equal(expected, GraphTenant.Ids(host.Findings).OrderBy(x => x, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_stops_a_slow_sweep_promptly()
    {
        server.Faults.Latency = TimeSpan.FromMilliseconds(200);
        using var connection = GraphTenant.Connect(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => GraphTenant.SweepAsync(connection, Everything(deep: true), null, cancellationToken: cancel.Token));
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_resumed_sweep_skips_the_sources_a_checkpoint_recorded()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gdprops-checkpoint-{Guid.NewGuid():N}.txt");
        try
        {
            var mailboxes = server.Tenant.Users.Where(u => u.MailboxKind == MailboxKind.User).Take(3).Select(u => u.UserPrincipalName).ToList();
            using var connection = GraphTenant.Connect(server);
            var first = SweepCheckpoint.Open(path);
            await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = mailboxes.Take(2).ToList() }, null, first);
            Assert.Equal(2, first.Count);

            server.Log.Clear();
            var resumed = SweepCheckpoint.Open(path);
            var (host, summary) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = mailboxes }, null, resumed);
            Assert.Equal(2, summary.SourcesSkipped);
            Assert.Equal(3, resumed.Count);
            var swept = server.Log.Records.Where(r => r.Mailbox is not null).Select(r => r.Mailbox).Distinct().ToList();
            Assert.Equal(server.Tenant.FindUser(mailboxes[2])!.Id, Assert.Single(swept));
            Assert.Equal(2, host.Verbose.Count(v => v.StartsWith("Skipping", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Ctrl_C_with_a_checkpoint_loses_no_finding_and_the_resumed_run_gives_the_whole_result()
    {
        var person = PlantedPerson.All[0];
        string path = Path.Combine(Path.GetTempPath(), $"gdprops-checkpoint-{Guid.NewGuid():N}.txt");
        try
        {
            using var connection = GraphTenant.Connect(server);
            var (whole, _) = await GraphTenant.SweepAsync(connection, Everything(deep: true), GraphTenant.Profile(person));
            var expected = whole.Findings.Select(f => f.SourceKind + "|" + f.Source + "|" + f.ItemId).OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.True(expected.Count > 3);

            // Stop the first run as soon as a few findings reached the front end: some sources are finished, some not.
            using var cancel = new CancellationTokenSource();
            var stopping = new RecordingHost(cancel, stopAfter: 3);
            var sources = await Everything(deep: true).ResolveAsync(connection, GraphTenant.Profile(person), stopping, CancellationToken.None);
            var options = new SweepOptions(GraphTenant.Profile(person), sources) { ThrottleLimit = 4, SourceConcurrency = 2, Checkpoint = SweepCheckpoint.Open(path) };
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PersonalDataSweep(options, stopping).RunAsync(cancel.Token));

            // What the first run marked done, it marked with its findings; the second run gives them again.
            var resumed = SweepCheckpoint.Open(path);
            var (host, summary) = await GraphTenant.SweepAsync(connection, Everything(deep: true), GraphTenant.Profile(person), resumed);
            var got = host.Findings.Select(f => f.SourceKind + "|" + f.Source + "|" + f.ItemId).OrderBy(k => k, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, got);
            Assert.True(summary.SourcesSkipped > 0, "the first run finished no source before it was stopped");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_export_of_mail_and_drive_findings_is_byte_for_byte_what_graph_serves()
    {
        var person = PlantedPerson.All[0];
        using var connection = GraphTenant.Connect(server);
        var (host, _) = await GraphTenant.SweepAsync(connection, Everything(deep: true), GraphTenant.Profile(person));
        using var dir = new GdprOps.Tests.Shared.TempFolder();
        string package = Path.Combine(dir.Path, "pkg");
        var summary = await new GdprOps.Export.Package.SubjectExporter(new GdprOps.Export.Package.SubjectExportOptions(package), new GdprOps.Sources.SourceItemReader(connection), new RecordingHost())
            .RunAsync(host.Findings, CancellationToken.None);
        Assert.Equal(truth.For(person.Key).Count(), summary.Items);
        Assert.True(GdprOps.Export.Package.SubjectExportVerifier.Verify(package).Valid);

        var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "manifest.json"))).RootElement.GetProperty("items").EnumerateArray().ToList();
        foreach (var item in manifest)
        {
            byte[] exported = File.ReadAllBytes(Path.Combine(package, item.GetProperty("file").GetString()!));
            string id = item.GetProperty("itemId").GetString()!;
            byte[] expected = item.GetProperty("sourceKind").GetString() == "Mailbox"
                ? server.Tenant.Users.Select(u => u.Mailbox).OfType<SimMailbox>().Select(m => m.FindMessage(id)).OfType<SimMessage>().Single().Mime
                : server.Tenant.Drives[item.GetProperty("source").GetString()!].Items[id].Content;
            Assert.Equal(expected, exported);
        }

        Assert.Contains(manifest, i => i.GetProperty("file").GetString()!.EndsWith(".eml", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_forged_row_naming_the_subject_cannot_purge_an_unrelated_drive_file_with_its_real_eTag()
    {
        var person = PlantedPerson.All[1];
        var subject = GraphTenant.Profile(person);
        using var connection = GraphTenant.Connect(server);
        // Any file that does not mention the person, with the eTag Graph publishes for it.
        var (drive, item) = server.Tenant.Drives.Values
            .SelectMany(d => d.Items.Values.Where(i => !i.IsFolder && !i.InRecycleBin).Select(i => (Drive: d, Item: i)))
            .First(pair => !System.Text.Encoding.UTF8.GetString(pair.Item.Content).Contains(person.Email, StringComparison.OrdinalIgnoreCase)
                && !System.Text.Encoding.UTF8.GetString(pair.Item.Content).Contains("Aabye", StringComparison.Ordinal)
                && (pair.Item.Name.EndsWith(".txt", StringComparison.Ordinal) || pair.Item.Name.EndsWith(".csv", StringComparison.Ordinal)));
        var live = await connection.Client.Drives[drive.Id].Items[item.Id].GetAsync();
        var forged = new Finding
        {
            SourceKind = SourceKind.Drive, Source = drive.Id, ItemId = item.Id, ItemName = person.Name + ".txt", ItemUri = live!.WebUrl ?? string.Empty,
            Version = live.ETag, Status = ScanStatus.Scanned, SubjectMatches = "Name;Email", Confidence = Confidence.High,
        };

        var result = Assert.Single(await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject) { Mode = GdprOps.Removal.RemovalMode.Purge },
            new GdprOps.Sources.SourceItemRemover(connection), new RecordingHost()).RunAsync(new[] { forged }, CancellationToken.None));

        Assert.Equal(GdprOps.Removal.RemovalOutcome.SkippedNoLongerMatches, result.Outcome);
        Assert.True(server.Tenant.Drives[drive.Id].Items.ContainsKey(item.Id));
        Assert.False(server.Tenant.Drives[drive.Id].Items[item.Id].InRecycleBin);
    }

    [Fact]
    public async Task Removal_soft_deletes_and_purges_mail_recycles_files_and_keeps_held_items()
    {
        var person = PlantedPerson.All[1];
        var subject = GraphTenant.Profile(person);
        using var connection = GraphTenant.Connect(server);
        var (host, _) = await GraphTenant.SweepAsync(connection, Everything(deep: true), subject);
        var findings = host.Findings.Where(f => f.Status != ScanStatus.NotScanned).ToList();
        var mail = findings.Where(f => f.SourceKind == SourceKind.Mailbox).ToList();
        var files = findings.Where(f => f.SourceKind == SourceKind.Drive).ToList();
        var held = files[0];

        // Everything a sweep gives piped on: the rows of the mailboxes it could not read are skipped and said so.
        var unreadable = host.Findings.Where(f => f.Status == ScanStatus.NotScanned).ToList();
        Assert.NotEmpty(unreadable);
        var skipped = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject), new GdprOps.Sources.SourceItemRemover(connection), new RecordingHost())
            .RunAsync(unreadable, CancellationToken.None);
        Assert.All(skipped, r => Assert.Equal(GdprOps.Removal.RemovalOutcome.SkippedNotScanned, r.Outcome));
        Assert.Equal(unreadable.Count, skipped.Count);
        server.Tenant.Drives[held.Source].Items[held.ItemId].Hold = HoldResponse.Locked;

        var remover = new GdprOps.Sources.SourceItemRemover(connection);
        var deleted = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject), remover, new RecordingHost())
            .RunAsync(mail.Take(2).Concat(files).ToList(), CancellationToken.None);
        Assert.All(deleted.Where(r => r.SourceKind == SourceKind.Mailbox), r => Assert.Equal(GdprOps.Removal.RemovalOutcome.SoftDeleted, r.Outcome));
        Assert.All(deleted.Where(r => r.SourceKind == SourceKind.Mailbox), r => Assert.NotNull(r.RecoverableUntil));
        Assert.Equal(GdprOps.Removal.RemovalOutcome.Retained, deleted.Single(r => r.ItemId == held.ItemId).Outcome);
        Assert.All(deleted.Where(r => r.SourceKind == SourceKind.Drive && r.ItemId != held.ItemId), r => Assert.Equal(GdprOps.Removal.RemovalOutcome.SoftDeleted, r.Outcome));
        Assert.False(server.Tenant.Drives[held.Source].Items[held.ItemId].InRecycleBin);
        foreach (var r in deleted.Where(r => r.SourceKind == SourceKind.Drive && r.ItemId != held.ItemId))
        {
            Assert.True(server.Tenant.Drives[r.Source].Items[r.ItemId].InRecycleBin);
        }

        // A soft-deleted message got a new place: its old finding no longer matches that version, nothing is removed twice.
        var purge = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject) { Mode = GdprOps.Removal.RemovalMode.Purge }, remover, new RecordingHost())
            .RunAsync(mail.Skip(2).ToList(), CancellationToken.None);
        Assert.All(purge, r => Assert.Equal(GdprOps.Removal.RemovalOutcome.Removed, r.Outcome));
        Assert.All(mail.Skip(2), f => Assert.DoesNotContain(server.Tenant.Users.Select(u => u.Mailbox).OfType<SimMailbox>(), m => m.Messages.ContainsKey(f.ItemId)));
        var again = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject) { Mode = GdprOps.Removal.RemovalMode.Purge }, remover, new RecordingHost())
            .RunAsync(mail.Skip(2).ToList(), CancellationToken.None);
        Assert.All(again, r => Assert.Equal(GdprOps.Removal.RemovalOutcome.AlreadyGone, r.Outcome));

        var redact = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject) { Mode = GdprOps.Removal.RemovalMode.Redact }, remover, new RecordingHost())
            .RunAsync(mail.Take(1).ToList(), CancellationToken.None);
        Assert.Contains("cannot be edited", Assert.Single(redact).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_removal_goes_in_batches_with_mixed_answers_and_retries_throttled_steps_after_their_retry_after()
    {
        var owner = server.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        var mailbox = owner.Mailbox!;
        var planted = Enumerable.Range(0, 25).Select(i => mailbox.Add(TenantGenerator.NewMessage(server.Tenant, mailbox.WellKnown("inbox"),
            new SimAddress("Ingrid Kvist", "ingrid.kvist@fjord.example"), new[] { new SimAddress("x", owner.UserPrincipalName) }, "Order " + i, "Regards, Ingrid Kvist", null,
            DateTimeOffset.UtcNow.AddDays(-i), Array.Empty<SimAttachment>()))).ToList();
        var subject = new SubjectProfileBuilder().AddEmails(new[] { "ingrid.kvist@fjord.example" }).Build();
        using var connection = GraphTenant.Connect(server);
        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName } }, subject);
        Assert.Equal(25, host.Findings.Length);

        server.Log.Clear();
        string vanished = planted[3].ImmutableId;
        server.Faults.Enqueue(new Fault { Status = 404, Code = "ErrorItemNotFound", Message = "The specified object was not found in the store." }, when: r => r.InBatch && r.Path.Contains(vanished, StringComparison.Ordinal));
        server.Faults.Enqueue(Fault.Throttled(TimeSpan.FromSeconds(1)), times: 3, when: r => r.InBatch);
        var results = await new GdprOps.Removal.SubjectRemover(new GdprOps.Removal.RemovalOptions(subject) { Mode = GdprOps.Removal.RemovalMode.Purge }, new GdprOps.Sources.SourceItemRemover(connection), new RecordingHost())
            .RunAsync(host.Findings, CancellationToken.None);

        Assert.Equal(24, results.Count(r => r.Outcome == GdprOps.Removal.RemovalOutcome.Removed));
        Assert.Equal(vanished, Assert.Single(results, r => r.Outcome == GdprOps.Removal.RemovalOutcome.AlreadyGone).ItemId);
        Assert.DoesNotContain(planted, m => mailbox.Messages.ContainsKey(m.ImmutableId) && m.ImmutableId != vanished);
        // 20 + 5 steps, the 3 throttled steps ride along in the second batch after their Retry-After.
        Assert.Equal(2, server.Log.Count(r => r.Endpoint == "batch"));
        Assert.Equal(3, server.Log.Count(r => r.InBatch && r.Status == 429));
        Assert.Empty(server.Log.RetriesBeforeRetryAfter());
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
    }

    [Fact]
    public async Task Mail_removed_from_a_mailbox_on_hold_is_reported_retained_never_removed()
    {
        var owner = server.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        var message = owner.Mailbox!.Add(TenantGenerator.NewMessage(server.Tenant, owner.Mailbox.WellKnown("inbox"), new SimAddress("Ingrid Kvist", "ingrid.kvist@fjord.example"),
            new[] { new SimAddress("x", owner.UserPrincipalName) }, "Held order", "Regards, Ingrid Kvist", null, DateTimeOffset.UtcNow, Array.Empty<SimAttachment>()));
        var subject = new SubjectProfileBuilder().AddEmails(new[] { "ingrid.kvist@fjord.example" }).Build();
        using var connection = GraphTenant.Connect(server);
        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName } }, subject);
        var options = new GdprOps.Removal.RemovalOptions(subject)
        {
            Mode = GdprOps.Removal.RemovalMode.Purge,
            MailboxesOnHold = new System.Collections.Generic.HashSet<string>(new[] { owner.UserPrincipalName.ToUpperInvariant() }, StringComparer.OrdinalIgnoreCase),
        };
        var result = Assert.Single(await new GdprOps.Removal.SubjectRemover(options, new GdprOps.Sources.SourceItemRemover(connection), new RecordingHost())
            .RunAsync(host.Findings.Where(f => f.ItemId == message.ImmutableId).ToList(), CancellationToken.None));
        Assert.Equal(GdprOps.Removal.RemovalOutcome.Retained, result.Outcome);
        Assert.Contains("on hold", result.Detail, StringComparison.Ordinal);
        Assert.False(owner.Mailbox.Messages.ContainsKey(message.ImmutableId));
    }

    [Fact]
    public async Task Retention_counts_messages_as_the_ground_truth_does_to_the_minute_with_three_requests_per_compliant_folder()
    {
        using var connection = GraphTenant.Connect(server);
        var mailboxes = server.Tenant.Users.Where(u => u.MailboxKind != MailboxKind.None).Select(u => u.UserPrincipalName).ToList();
        var host = new RecordingHost();
        server.Log.Clear();
        var summary = await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(mailboxes, MailboxRetentionCheck.StandardFolders, GdprOps.Retention.RetentionAge.Parse("6mo"),
            truth.Now, detailed: false, showSubject: false, host, CancellationToken.None);

        var results = host.Output.OfType<GdprOps.Retention.MailboxRetentionResult>().ToList();
        foreach (var fact in truth.Retention)
        {
            var result = results.Single(r => r.Mailbox == fact.Mailbox && r.Folder == fact.Folder);
            Assert.Equal((fact.ItemCount, fact.MessageCount, fact.OlderThanCutoff, fact.OlderBytes), (result.ItemCount, result.MessageCount, result.ViolationCount, result.ViolationSizeBytes));
            Assert.Equal(truth.RetentionCutoff, result.Cutoff);
        }

        var forbidden = server.Tenant.Users.Single(u => u.MailboxKind == MailboxKind.Forbidden);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(forbidden.UserPrincipalName, summary.FailedMailboxes);
        Assert.Equal(ErrorIds.MailboxAccessDenied, Assert.Single(host.Errors).ErrorId);
        Assert.Equal(truth.Retention.Sum(r => r.OlderThanCutoff), summary.Violations);
        Assert.Equal(truth.Retention.Where(r => r.OlderThanCutoff > 0).Select(r => r.Mailbox).Distinct().Count(), summary.NonCompliant);
        // Deleted Items holds a contact and a meeting besides mail: counted in ItemCount only, never as messages.
        Assert.All(results.Where(r => r.Folder == "deleteditems"), r => Assert.Equal(r.MessageCount + 2, r.ItemCount));
        // Cheap: a folder costs its two counts and one filtered listing, never a body.
        Assert.DoesNotContain(server.Log.Records, r => r.Endpoint == "message.mime");
        foreach (var fact in truth.Retention.Where(r => r.OlderThanCutoff == 0))
        {
            var id = server.Tenant.FindUser(fact.Mailbox)!.Id;
            Assert.True(server.Log.Count(r => r.Mailbox == id) <= 3 * MailboxRetentionCheck.StandardFolders.Count);
        }
    }

    [Fact]
    public async Task Retention_enforcement_clears_only_old_mail_in_the_standard_folders_and_a_second_run_does_nothing()
    {
        using var connection = GraphTenant.Connect(server);
        var age = GdprOps.Retention.RetentionAge.Parse("6mo");
        var users = server.Tenant.Users.Where(u => u.MailboxKind is MailboxKind.User or MailboxKind.Shared).ToList();
        var targets = users.SelectMany(u => MailboxRetentionCheck.StandardFolders.Select(f => (u.UserPrincipalName, f))).ToList();
        var custom = users.ToDictionary(u => u.Id, u => u.Mailbox!.Messages.Values.Count(m => !u.Mailbox.Folders[m.FolderId].IsHidden && u.Mailbox.Folders[m.FolderId].WellKnownName is null));
        var edgesAfter = users[0].Mailbox!.Messages.Values.Where(m => m.Subject == "Edge +1").Select(m => m.ImmutableId).ToList();
        using var dir = new GdprOps.Tests.Shared.TempFolder();
        var audit = new GdprOps.Audit.AuditLog(Path.Combine(dir.Path, "audit.log"));

        // -MaxItems first: a safety valve that stops after 5 and leaves the rest for the next run.
        var capped = await new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(targets, age, truth.Now, "Delete", null, 5, audit, "app test", new RecordingHost(), CancellationToken.None);
        Assert.Equal(5, capped.Sum(r => r.Acted));
        Assert.Equal(truth.Retention.Sum(r => r.OlderThanCutoff) - 5, capped.Sum(r => r.Deferred));

        var results = await new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(targets, age, truth.Now, "Delete", null, null, audit, "app test", new RecordingHost(), CancellationToken.None);
        Assert.Equal(truth.Retention.Sum(r => r.OlderThanCutoff) - 5, results.Sum(r => r.Acted));
        Assert.All(results, r => Assert.Equal(0, r.Failed));

        var host = new RecordingHost();
        var after = await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(users.Select(u => u.UserPrincipalName).ToList(), MailboxRetentionCheck.StandardFolders, age, truth.Now, false, false, host, CancellationToken.None);
        Assert.Equal(0, after.Violations);
        Assert.All(edgesAfter, id => Assert.True(users[0].Mailbox!.Messages[id].FolderId != users[0].Mailbox!.WellKnown("recoverableitemsdeletions").Id));
        Assert.All(users, u => Assert.Equal(custom[u.Id], u.Mailbox!.Messages.Values.Count(m => !u.Mailbox.Folders[m.FolderId].IsHidden && u.Mailbox.Folders[m.FolderId].WellKnownName is null)));

        var again = await new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(targets, age, truth.Now, "Delete", null, null, audit, "app test", new RecordingHost(), CancellationToken.None);
        Assert.Equal(0, again.Sum(r => r.Acted + r.Failed + r.AlreadyGone));
        Assert.True(audit.Verify().Valid);
        Assert.All(audit.Read(), line => Assert.Equal("RetentionEnforcement", line.Action));

        await Assert.ThrowsAsync<GdprOpsException>(() => new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(new[] { (users[0].UserPrincipalName, "Projects") }, age, truth.Now, "Delete", null, null, null, null, new RecordingHost(), CancellationToken.None));
        await Assert.ThrowsAsync<GdprOpsException>(() => new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(targets, age, truth.Now, "Move", "inbox", null, null, null, new RecordingHost(), CancellationToken.None));
    }

    [Fact]
    public async Task Retention_results_survive_a_storm_of_429_and_503_politely()
    {
        server.Faults.Reseed(3);
        server.Faults.AddRate(0.2, Fault.Throttled(TimeSpan.FromSeconds(1)), r => r.Mailbox is not null);
        server.Faults.AddRate(0.05, Fault.ServiceUnavailable(TimeSpan.FromSeconds(1)));
        using var connection = GraphTenant.Connect(server);
        var mailboxes = truth.Retention.Select(r => r.Mailbox).Distinct().ToList();
        var host = new RecordingHost();
        var summary = await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(mailboxes, MailboxRetentionCheck.StandardFolders, GdprOps.Retention.RetentionAge.Parse("6mo"),
            truth.Now, false, false, host, CancellationToken.None);
        Assert.True(server.Log.Count(r => r.Status is 429 or 503) > 3);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(truth.Retention.Sum(r => r.OlderThanCutoff), summary.Violations);
        Assert.Empty(server.Log.RetriesBeforeRetryAfter());
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
    }

    [Fact]
    public async Task Retention_move_files_old_mail_into_the_destination()
    {
        using var connection = GraphTenant.Connect(server);
        var user = server.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        int archived = user.Mailbox!.Messages.Values.Count(m => m.FolderId == user.Mailbox.WellKnown("archive").Id);
        int old = truth.Retention.Single(r => r.Mailbox == user.UserPrincipalName && r.Folder == "inbox").OlderThanCutoff;
        var results = await new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(new[] { (user.UserPrincipalName, "inbox") }, GdprOps.Retention.RetentionAge.Parse("6mo"), truth.Now, "Move", "archive", null, null, null, new RecordingHost(), CancellationToken.None);
        Assert.Equal(old, Assert.Single(results).Acted);
        Assert.Equal(archived + old, user.Mailbox.Messages.Values.Count(m => m.FolderId == user.Mailbox.WellKnown("archive").Id));
    }

    [Fact]
    public void Retention_ages_parse_the_documented_forms()
    {
        var now = new DateTimeOffset(2026, 8, 31, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), GdprOps.Retention.RetentionAge.Parse("6mo").CutoffFrom(now));
        Assert.Equal(now.AddDays(-180), GdprOps.Retention.RetentionAge.Parse("180d").CutoffFrom(now));
        Assert.Equal(now.AddDays(-14), GdprOps.Retention.RetentionAge.Parse("2 weeks").CutoffFrom(now));
        Assert.Equal(now.AddYears(-1), GdprOps.Retention.RetentionAge.Parse("1y").CutoffFrom(now));
        Assert.Equal(now.AddHours(-36), GdprOps.Retention.RetentionAge.Parse("1.12:00:00").CutoffFrom(now));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), GdprOps.Retention.RetentionAge.Parse("2026-05-01").CutoffFrom(now));
        Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<GdprOpsException>(() => GdprOps.Retention.RetentionAge.Parse("soon")).ErrorId);
    }

    [Fact]
    public void Search_terms_strip_quotes_and_join_identifiers_with_or()
    {
        var subject = new SubjectProfileBuilder().AddNames(new[] { "Seán \"Jack\" O'Brien" }).AddEmails(new[] { "sean@example.org" }).AddNationalIds(new[] { "DK_CPR:010190-1234" }).Build();
        string query = SearchTerms.MailQuery(subject);
        Assert.StartsWith("\"", query, StringComparison.Ordinal);
        Assert.EndsWith("\"", query, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", query[1..^1].Replace("\\\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("participants:sean@example.org", query, StringComparison.Ordinal);
        // Identifiers are quoted phrases without our DK_CPR: prefix (in KQL "word:" is a property restriction).
        Assert.Contains("\\\"0101901234\\\"", query, StringComparison.Ordinal);
        Assert.Contains("\\\"010190-1234\\\"", query, StringComparison.Ordinal);
        Assert.DoesNotContain("DK_CPR", query, StringComparison.Ordinal);
        // Names: every part in every spelling, also as participants (a bare term does not cover recipients).
        Assert.Contains("participants:Seán", query, StringComparison.Ordinal);
        Assert.Contains("participants:Sean", query, StringComparison.Ordinal);
        var nordicProfile = new SubjectProfileBuilder().AddNames(new[] { "Søren Østergaard" }).Build();
        var nordic = SearchTerms.MailQuery(nordicProfile);
        foreach (string spelling in new[] { "Søren", "Soeren", "Soren", "Østergaard", "Oestergaard", "Ostergaard" })
        {
            Assert.Contains("participants:" + spelling, nordic, StringComparison.Ordinal);
        }

        // Drive search has no OR: one request a text and drive, so the name in each spelling throughout (28 texts for every mix
        // of the parts' spellings would be 28 requests a drive), and the genitive.
        Assert.Equal(
            new[] { "Søren Østergaard", "Soeren Oestergaard", "Soren Ostergaard", "Soren Ostergard", "Søren Østergård", "Søren Østergaards" },
            SearchTerms.DriveQueries(nordicProfile));
    }

    private static readonly DateTimeOffset SmallNow = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
}
