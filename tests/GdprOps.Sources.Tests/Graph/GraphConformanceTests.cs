using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Retention;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using Xunit;
using GdprOps.Subjects;

namespace GdprOps.Tests.Sources.Graph;

/// <summary>
/// The product against the places where Microsoft Graph's documentation and a kind simulator part ways: Recoverable
/// Items outside the folder tree, where a DELETE goes, a second removal run, purge outside the global cloud, and a
/// name that only a recipient field carries in another spelling. Each runs on its own small tenant.
/// </summary>
public sealed class GraphConformanceTests
{
    private static readonly PlantedPerson Person = PlantedPerson.All[0];

    /// <summary>A tenant with only what a test asks for: no shared mailboxes, teams or sites unless named.</summary>
    private static SimTenant Tenant(int users = 1, int messagesPerMailbox = 0, int filesPerDrive = 0, int sites = 0) =>
        TenantGenerator.Generate(new TenantSpec { Users = users, SharedMailboxes = 0, MessagesPerMailbox = messagesPerMailbox, FilesPerDrive = filesPerDrive, Sites = sites, Teams = 0, Seed = 5 }).Tenant;

    private static async Task<(GraphSimulatorServer Server, SimUser Owner)> SmallTenantAsync(MessageDeleteBehavior delete = MessageDeleteBehavior.ToDeletedItemsFirst)
    {
        var tenant = Tenant(users: 2, messagesPerMailbox: 3);
        tenant.MessageDelete = delete;
        var server = await GraphSimulatorServer.StartAsync(tenant);
        return (server, tenant.Users.First(u => u.Mailbox is not null));
    }

    private static SimMessage Plant(GraphSimulatorServer server, SimUser owner, SimMailFolder folder, string subject, string body, params SimAddress[] to) =>
        owner.Mailbox!.Add(TenantGenerator.NewMessage(server.Tenant, folder, new SimAddress("Carol Jensen", "carol@example.org"),
            to.Length > 0 ? to : new[] { new SimAddress(owner.DisplayName, owner.UserPrincipalName) }, subject, body, null, new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero), Array.Empty<SimAttachment>()));

    private static GraphSweepScope Mailbox(SimUser owner, bool deep) => new() { Mailboxes = new[] { owner.UserPrincipalName }, Deep = deep };

    [Fact]
    public async Task A_deep_sweep_finds_mail_that_sits_in_Recoverable_Items_Deletions()
    {
        var (server, owner) = await SmallTenantAsync();
        await using var _ = server;
        var deleted = Plant(server, owner, owner.Mailbox!.WellKnown("recoverableitemsdeletions"), "Old note", $"Contact {Person.Email} about the contract.");
        using var connection = GraphTenant.Connect(server);

        foreach (bool deep in new[] { true, false })
        {
            var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep), GraphTenant.Profile(Person));
            var found = Assert.Single(host.Findings, f => f.ItemId == deleted.ImmutableId);
            Assert.Equal(MailboxSource.DeletionsLocation, found.Location);
        }

        // -Folder recoverableitemsdeletions reaches it too.
        var (only, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName }, Deep = true, Mail = new MailSweepOptions { Folders = new[] { "recoverableitemsdeletions" } } }, GraphTenant.Profile(Person));
        Assert.Equal(deleted.ImmutableId, Assert.Single(only.Findings).ItemId);
    }

    [Theory]
    [InlineData(400, "ErrorInvalidRequest")]
    [InlineData(501, "ErrorNotSupported")]
    [InlineData(403, "ErrorAccessDenied")]
    public async Task A_refused_search_of_Recoverable_Items_falls_back_to_listing_it_and_the_mailbox_is_still_swept(int status, string code)
    {
        var (server, owner) = await SmallTenantAsync();
        await using var _ = server;
        var deleted = Plant(server, owner, owner.Mailbox!.WellKnown("recoverableitemsdeletions"), "Old note", $"Contact {Person.Email} about the contract.");
        var inbox = Plant(server, owner, owner.Mailbox!.WellKnown("inbox"), "New note", $"Contact {Person.Email} again.");
        // Every $search on the Deletions folder is refused; the same folder listed without $search answers.
        server.Faults.Enqueue(new GdprOps.GraphSimulator.Http.Fault { Status = status, Code = code, Message = "Search is not available on this folder." }, times: 1000,
            when: r => r.Path.Contains("recoverableitemsdeletions", StringComparison.OrdinalIgnoreCase) && r.Query?.ContainsKey("$search") == true);
        using var connection = GraphTenant.Connect(server);

        var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep: false), GraphTenant.Profile(Person));

        Assert.Contains(server.Log.Records, r => r.Status == status);
        Assert.Contains(host.Findings, f => f.ItemId == deleted.ImmutableId && f.Location == MailboxSource.DeletionsLocation);
        Assert.Contains(host.Findings, f => f.ItemId == inbox.ImmutableId);
        Assert.Empty(host.Errors);
    }

    [Theory]
    [InlineData(MessageDeleteBehavior.ToDeletedItemsFirst)]
    [InlineData(MessageDeleteBehavior.ToRecoverableItems)]
    public async Task Delete_ends_in_Recoverable_Items_under_either_reading_and_a_second_run_reports_every_item_already_gone(MessageDeleteBehavior reading)
    {
        var (server, owner) = await SmallTenantAsync(reading);
        await using var _ = server;
        var mailbox = owner.Mailbox!;
        var planted = new[]
        {
            Plant(server, owner, mailbox.WellKnown("inbox"), "Invoice", $"Invoice for {Person.Email}."),
            Plant(server, owner, mailbox.WellKnown("sentitems"), "Reply", $"Sent to {Person.Email}."),
            Plant(server, owner, mailbox.WellKnown("deleteditems"), "Old", $"Was about {Person.Email}."),
        };
        using var connection = GraphTenant.Connect(server);
        var subject = GraphTenant.Profile(Person);
        var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep: true), subject);
        var findings = host.Findings.Where(f => planted.Any(p => p.ImmutableId == f.ItemId)).ToList();
        Assert.Equal(3, findings.Count);
        var remover = new SourceItemRemover(connection);

        var first = await new SubjectRemover(new RemovalOptions(subject), remover, new RecordingHost()).RunAsync(findings, CancellationToken.None);
        Assert.All(first, r => Assert.Equal(RemovalOutcome.SoftDeleted, r.Outcome));
        var deletions = mailbox.WellKnown("recoverableitemsdeletions");
        Assert.All(planted, p => Assert.Equal(deletions.Id, mailbox.Messages[p.ImmutableId].FolderId));

        // The same findings again: Exchange refuses to delete what is in Recoverable Items; that is no failure.
        var second = await new SubjectRemover(new RemovalOptions(subject), remover, new RecordingHost()).RunAsync(findings, CancellationToken.None);
        Assert.All(second, r => Assert.Equal(RemovalOutcome.AlreadySoftDeleted, r.Outcome));
    }

    [Fact]
    public async Task Purge_is_refused_outside_the_global_cloud_and_says_moved_to_Purges_inside_it()
    {
        using var usGov = GraphConnection.Create(new GraphConnectionOptions { AccessToken = "x", Environment = "USGov" });
        var row = new Finding { SourceKind = SourceKind.Mailbox, Source = "a@contoso.us", ItemId = "AAMk1", Version = "ck" };
        var refused = await Assert.ThrowsAsync<SourceItemException>(() => new SourceItemRemover(usGov).RemoveAsync(row, RemovalMode.Purge, "ck", CancellationToken.None));
        Assert.Contains("global", refused.Message, StringComparison.Ordinal);

        var (server, owner) = await SmallTenantAsync();
        await using var _ = server;
        var message = Plant(server, owner, owner.Mailbox!.WellKnown("inbox"), "Invoice", $"Invoice for {Person.Email}.");
        using var connection = GraphTenant.Connect(server);
        var subject = GraphTenant.Profile(Person);
        var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep: true), subject);
        var purge = Assert.Single(await new SubjectRemover(new RemovalOptions(subject) { Mode = RemovalMode.Purge }, new SourceItemRemover(connection), new RecordingHost())
            .RunAsync(host.Findings.Where(f => f.ItemId == message.ImmutableId).ToList(), CancellationToken.None));
        Assert.Equal(RemovalOutcome.Removed, purge.Outcome);
        Assert.StartsWith("Moved to Purges", purge.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("permanently deleted", purge.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_subject_sweep_without_Deep_finds_a_message_that_names_the_person_only_as_a_transliterated_recipient()
    {
        var (server, owner) = await SmallTenantAsync();
        await using var _ = server;
        // Only the To field names him, in ASCII: "Soeren Aabye Oestergaard" at an address that is not his.
        var message = Plant(server, owner, owner.Mailbox!.WellKnown("sentitems"), "Meeting", "See you on Monday.",
            new SimAddress("Soeren Aabye Oestergaard", "s.ao@other.example"));
        using var connection = GraphTenant.Connect(server);
        var subject = new SubjectProfileBuilder { CaseId = "CASE-soren" }.AddNames(new[] { Person.Name }).AddEmails(new[] { Person.Email }).Build();

        var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep: false), subject);

        var found = Assert.Single(host.Findings, f => f.ItemId == message.ImmutableId);
        Assert.Equal("Name", found.SubjectMatches);
        Assert.Contains(server.Log.Records, r => Uri.UnescapeDataString(r.Query).Contains("participants:Soeren", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_named_by_its_display_name_is_found_although_Graph_answers_400_for_it_by_name()
    {
        var (server, owner) = await SmallTenantAsync();
        await using var _ = server;
        var projects = owner.Mailbox!.AddFolder(owner.Mailbox.Root, "Projects");
        var message = Plant(server, owner, projects, "Plan", $"Write to {Person.Email}.");
        using var connection = GraphTenant.Connect(server);

        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { Mailboxes = new[] { owner.UserPrincipalName }, Deep = true, Mail = new MailSweepOptions { Folders = new[] { "Projects" } } }, GraphTenant.Profile(Person));

        Assert.Equal(message.ImmutableId, Assert.Single(host.Findings).ItemId);
        Assert.Empty(host.Errors);
        Assert.DoesNotContain(server.Log.Records, r => r.Path.EndsWith("/mailFolders/Projects", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(MessageDeleteBehavior.ToDeletedItemsFirst)]
    [InlineData(MessageDeleteBehavior.ToRecoverableItems)]
    public async Task Retention_Delete_never_leaves_old_mail_in_Deleted_Items_to_read_compliant_for_another_period(MessageDeleteBehavior reading)
    {
        var (server, owner) = await SmallTenantAsync(reading);
        await using var _ = server;
        var mailbox = owner.Mailbox!;
        var old = Enumerable.Range(0, 3).Select(i => mailbox.Add(TenantGenerator.NewMessage(server.Tenant, mailbox.WellKnown("inbox"), new SimAddress("Carol", "carol@example.org"),
            new[] { new SimAddress(owner.DisplayName, owner.UserPrincipalName) }, "Old " + i, "Body", null, new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero), Array.Empty<SimAttachment>()))).ToList();
        using var connection = GraphTenant.Connect(server);

        var results = await new MailboxRetentionEnforcement(connection.MailboxFolders).RunAsync(new[] { (owner.UserPrincipalName, "inbox") }, GdprOps.Retention.RetentionAge.Parse("6mo"),
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "Delete", null, null, null, null, new RecordingHost(), CancellationToken.None);

        Assert.Equal(3, Assert.Single(results).Acted);
        Assert.Equal(0, results[0].Failed);
        var deletions = mailbox.WellKnown("recoverableitemsdeletions");
        Assert.All(old, m => Assert.Equal(deletions.Id, mailbox.Messages[m.ImmutableId].FolderId));
    }

    [Fact]
    public void Retry_After_is_read_the_same_way_for_requests_and_batch_steps_in_seconds_or_as_an_HTTP_date()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), GraphExecutor.RetryAfter("2.5"));
        var date = GraphExecutor.RetryAfter(DateTimeOffset.UtcNow.AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(date!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31));
        Assert.Equal(TimeSpan.Zero, GraphExecutor.RetryAfter("Mon, 01 Jan 2024 00:00:00 GMT"));
        Assert.Null(GraphExecutor.RetryAfter("soon"));
    }

    [Fact]
    public async Task The_root_site_resolves_and_AllSites_with_a_user_sign_in_fails_at_once()
    {
        Assert.Equal("contoso.sharepoint.com", GraphSweepScope.SiteKey("https://contoso.sharepoint.com/"));
        Assert.Equal("contoso.sharepoint.com:/sites/hr:", GraphSweepScope.SiteKey("https://contoso.sharepoint.com/sites/hr"));

        var tenant = Tenant(filesPerDrive: 1, sites: 1);
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphTenant.Connect(server);
        var sources = await new GraphSweepScope { Sites = new[] { "https://" + tenant.SharePointHost } }.ResolveAsync(connection, null, new RecordingHost(), CancellationToken.None);
        Assert.NotEmpty(sources);

        using var delegated = GraphConnection.Create(new GraphConnectionOptions { DeviceCode = true, GraphEndpoint = new Uri(server.BaseUrl) });
        var error = await Assert.ThrowsAsync<GdprOpsException>(() => new GraphSweepScope { AllSites = true }.ResolveAsync(delegated, null, new RecordingHost(), CancellationToken.None));
        Assert.Contains("app-only", error.Message, StringComparison.Ordinal);

        // A token obtained elsewhere is a user's when it carries delegated scopes (scp), and refused the same way;
        // an app token (roles) goes ahead.
        static string Token(string claims) => "e30." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(claims)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";
        using var userToken = GraphConnection.Create(new GraphConnectionOptions { AccessToken = Token("{\"scp\":\"Sites.Read.All User.Read\"}"), GraphEndpoint = new Uri(server.BaseUrl) });
        Assert.True(userToken.IsDelegated);
        await Assert.ThrowsAsync<GdprOpsException>(() => new GraphSweepScope { AllSites = true }.ResolveAsync(userToken, null, new RecordingHost(), CancellationToken.None));
        Assert.DoesNotContain(server.Log.Records, r => r.Path.Contains("getAllSites", StringComparison.OrdinalIgnoreCase));
        using var appToken = GraphConnection.Create(new GraphConnectionOptions { AccessToken = Token("{\"roles\":[\"Sites.Read.All\"]}"), GraphEndpoint = new Uri(server.BaseUrl) });
        Assert.False(appToken.IsDelegated);
        Assert.NotEmpty(await new GraphSweepScope { AllSites = true }.ResolveAsync(appToken, null, new RecordingHost(), CancellationToken.None));
    }

    [Fact]
    public async Task A_drive_delta_without_paths_and_with_repeated_items_gives_each_file_once_with_its_folder()
    {
        var tenant = Tenant();
        var owner = tenant.Users[0];
        var drive = owner.Drive!;
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var payroll = drive.AddFolder(drive.AddFolder(drive.Root, "HR", now), "Payroll", now);
        var file = drive.AddFile(payroll, "slip.txt", System.Text.Encoding.UTF8.GetBytes($"Payslip for {Person.Email}"), "text/plain", "slip", now);
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphTenant.Connect(server);

        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { OneDrives = new[] { owner.UserPrincipalName }, Deep = true }, GraphTenant.Profile(Person));

        Assert.Equal(host.Findings.Length, host.Findings.Select(f => f.ItemId).Distinct().Count());
        Assert.DoesNotContain(host.Findings, f => f.ItemName.EndsWith(".tmp", StringComparison.Ordinal));
        var found = Assert.Single(host.Findings, f => f.ItemId == file.Id);
        Assert.Equal("slip.txt", found.ItemName);
        Assert.Equal("HR/Payroll", found.Location);
    }

    [Fact]
    public async Task A_team_named_like_another_group_is_the_Teams_one_and_the_ambiguity_is_a_warning()
    {
        var tenant = Tenant();
        var plain = new SimGroup { Id = tenant.Ids.Guid(), DisplayName = "Finance", Mail = "finance-list@contoso.example", IsTeam = false };
        tenant.Groups.Add(plain);
        var team = tenant.AddTeam("Finance", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphTenant.Connect(server);
        var host = new RecordingHost();

        var sources = await new GraphSweepScope { Teams = new[] { "Finance" } }.ResolveAsync(connection, null, host, CancellationToken.None);

        Assert.Single(sources);
        var warning = Assert.Single(host.Warnings);
        Assert.Contains("2 groups are named 'Finance' (1 of them Teams): swept group " + team.Id, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_mailbox_stays_inside_its_request_budget_per_window()
    {
        var tenant = Tenant(messagesPerMailbox: 40);
        var owner = tenant.Users.First(u => u.Mailbox is not null);
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        // Outlook allows 10,000 requests per 10 minutes per mailbox; scaled down so the test sees the pacing.
        using var connection = GraphConnection.Create(new GraphConnectionOptions
        {
            AccessToken = "simulator-token", GraphEndpoint = new Uri(server.BaseUrl), MailboxRequestsPerWindow = 15, MailboxRequestWindow = TimeSpan.FromSeconds(1),
        });

        var (host, _) = await GraphTenant.SweepAsync(connection, Mailbox(owner, deep: true), GraphTenant.Profile(Person));

        var starts = server.Log.Records.Where(r => r.Mailbox is not null).Select(r => r.Started).OrderBy(t => t).ToList();
        Assert.True(starts.Count > 30, starts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Paced end to end: the mailbox's requests spread over at least count/15 - 1 windows (unpaced: well under one).
        Assert.True(starts[^1] - starts[0] >= TimeSpan.FromSeconds(starts.Count / 15 - 1));

        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task The_pacer_admits_at_most_the_budget_per_window_to_one_mailbox_and_keeps_others_apart()
    {
        var pacer = new MailboxRequestPacer(15, TimeSpan.FromSeconds(1));
        var admitted = new System.Collections.Concurrent.ConcurrentBag<DateTimeOffset>();
        var other = await pacer.WaitTurnAsync("b@contoso.example", CancellationToken.None);
        var asked = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await pacer.WaitTurnAsync("A@contoso.example", CancellationToken.None);
            admitted.Add(DateTimeOffset.UtcNow);
        }));

        // Each time is read after its admission, late by however long a loaded machine takes to run the continuation, never
        // early: so the k-th time read is no earlier than the k-th admission, which the budget puts at least k / 15 windows
        // after the first request was asked for. (Comparing two read times with each other failed on a busy machine: the
        // earlier one read late.)
        var times = admitted.OrderBy(t => t).ToList();
        Assert.Equal(40, times.Count);
        for (int k = 0; k < times.Count; k++)
        {
            var earliest = TimeSpan.FromSeconds(k / 15) - TimeSpan.FromMilliseconds(10);
            Assert.True(times[k] - asked >= earliest, $"admission {k} after {(times[k] - asked).TotalMilliseconds} ms");
        }

        Assert.Equal(TimeSpan.Zero, other);
        Assert.Equal(TimeSpan.Zero, await pacer.WaitTurnAsync("b@contoso.example", CancellationToken.None));
        // A wait for a full budget ends with Ctrl+C.
        var full = new MailboxRequestPacer(1, TimeSpan.FromMinutes(10));
        await full.WaitTurnAsync("a@contoso.example", CancellationToken.None);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => full.WaitTurnAsync("a@contoso.example", cancel.Token));
    }
    [Fact]
    public async Task A_batch_holds_the_mailbox_slots_its_steps_use_so_requests_beside_it_are_never_refused_for_concurrency()
    {
        var tenant = Tenant(messagesPerMailbox: 30);
        var owner = tenant.Users.First(u => u.Mailbox is not null);
        var ids = owner.Mailbox!.Messages.Keys.Take(28).ToList();
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        // Slow enough that the batch's steps (4 at a time, json-batching.md) overlap the single requests.
        server.Faults.Latency = TimeSpan.FromMilliseconds(120);
        using var connection = GraphTenant.Connect(server);
        var client = connection.Client;
        string upn = owner.UserPrincipalName;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();

        var batch = new MailboxBatch(connection).RunAsync(upn, ids.Take(20).ToList(), id => client.Users[upn].Messages[id].ToGetRequestInformation(), (_, status, _) => statuses.Add(status), CancellationToken.None);
        var singles = ids.Skip(20).Select(id => connection.Executor.RunAsync(upn, "reading", c => client.Users[upn].Messages[id].GetAsync(cancellationToken: c), CancellationToken.None));
        await Task.WhenAll(singles.Cast<Task>().Append(batch));

        Assert.Equal(Enumerable.Repeat(200, 20), statuses);
        Assert.DoesNotContain(server.Log.Records, r => r.Status == 429);
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
    }

    [Fact]
    public async Task A_request_budget_holds_in_every_second_when_a_batch_follows_single_requests()
    {
        // 49 single requests take the first second of a budget of 50; a $batch of 50 sent on the even schedule right
        // after them would put 99 into one second. It waits until the second before it is empty, and the request after
        // it until the batch's second is over.
        var pacer = new RequestRatePacer(50);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sent = new System.Collections.Generic.List<(double At, int Requests)>();
        async Task Send(int requests)
        {
            await pacer.WaitTurnAsync(requests, CancellationToken.None);
            sent.Add((clock.Elapsed.TotalSeconds, requests));
        }

        for (int i = 0; i < 49; i++)
        {
            await Send(1);
        }

        await Send(50);
        await Send(1);
        // Windows a little under a second: the times are taken after each turn, a moment later than the pacer's own.
        int busiest = sent.Max(s => sent.Where(o => o.At <= s.At && o.At > s.At - 0.98).Sum(o => o.Requests));
        Assert.Equal(50, busiest);
        Assert.InRange(sent[49].At - sent[48].At, 0.9, 1.5);
        Assert.InRange(sent[50].At - sent[49].At, 0.95, 1.5);
        Assert.Equal(50, pacer.RequestsPerWindow);
        Assert.Equal(1, new RequestRatePacer(0.25).RequestsPerWindow);
    }

    [Fact]
    public async Task Under_a_request_budget_below_20_a_second_batches_are_no_larger_than_the_budget()
    {
        var tenant = Tenant(messagesPerMailbox: 12);
        var owner = tenant.Users.First(u => u.Mailbox is not null);
        var ids = owner.Mailbox!.Messages.Keys.Take(12).ToList();
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphConnection.Create(new GraphConnectionOptions { AccessToken = "simulator-token", GraphEndpoint = new Uri(server.BaseUrl), MaxRequestsPerSecond = 5 });
        var client = connection.Client;
        string upn = owner.UserPrincipalName;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();

        await new MailboxBatch(connection).RunAsync(upn, ids, id => client.Users[upn].Messages[id].ToGetRequestInformation(), (_, status, _) => statuses.Add(status), CancellationToken.None);

        Assert.Equal(Enumerable.Repeat(200, 12), statuses);
        // 5, 5 and 2 steps: one batch of 12 would send 12 requests in the second a budget of 5 allows.
        Assert.Equal(3, server.Log.Records.Count(r => r.Method == "POST" && r.Path.EndsWith("$batch", StringComparison.Ordinal)));
        Assert.Equal(5, connection.Executor.MaxBatchSteps);
    }

    [Fact]
    public async Task Throttled_batch_steps_and_requests_wait_for_a_Retry_After_given_as_an_HTTP_date()
    {
        var tenant = Tenant(messagesPerMailbox: 6);
        var owner = tenant.Users.First(u => u.Mailbox is not null);
        var ids = owner.Mailbox!.Messages.Keys.ToList();
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        server.Limits.RetryAfterAsHttpDate = true;
        server.Faults.Enqueue(GdprOps.GraphSimulator.Http.Fault.Throttled(TimeSpan.FromSeconds(2)), times: 3, when: r => r.InBatch);
        server.Faults.Enqueue(GdprOps.GraphSimulator.Http.Fault.Throttled(TimeSpan.FromSeconds(1)), times: 1, when: r => !r.InBatch && r.Mailbox is not null);
        using var connection = GraphTenant.Connect(server);
        var client = connection.Client;
        string upn = owner.UserPrincipalName;
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();

        await connection.Executor.RunAsync(upn, "reading", c => client.Users[upn].Messages[ids[0]].GetAsync(cancellationToken: c), CancellationToken.None);
        await new MailboxBatch(connection).RunAsync(upn, ids, id => client.Users[upn].Messages[id].ToGetRequestInformation(), (_, status, _) => statuses.Add(status), CancellationToken.None);

        Assert.Equal(4, server.Log.Count(r => r.Status == 429));
        Assert.Contains(server.Log.Records, r => r.Status == 429 && r.InBatch);
        Assert.Equal(Enumerable.Repeat(200, ids.Count), statuses);
        Assert.Empty(server.Log.RetriesBeforeRetryAfter());
    }

    [Fact]
    public async Task A_batch_counts_as_all_its_steps_against_the_mailbox_budget()
    {
        var pacer = new MailboxRequestPacer(25, TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, await pacer.WaitTurnAsync("a@contoso.example", 20, CancellationToken.None));
        Assert.Equal(TimeSpan.Zero, await pacer.WaitTurnAsync("a@contoso.example", 5, CancellationToken.None));
        // The 26th request waits for the window to move on.
        Assert.True(await pacer.WaitTurnAsync("a@contoso.example", CancellationToken.None) >= TimeSpan.FromMilliseconds(900));
        // More steps than the whole budget wait for an empty window instead of forever.
        var small = new MailboxRequestPacer(5, TimeSpan.FromMilliseconds(300));
        await small.WaitTurnAsync("a@contoso.example", 3, CancellationToken.None);
        var waited = await small.WaitTurnAsync("a@contoso.example", 20, CancellationToken.None);
        Assert.InRange(waited, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
    }
    [Fact]
    public async Task A_410_in_the_middle_of_a_drive_listing_follows_its_Location_and_forgets_what_it_read_before()
    {
        var tenant = Tenant();
        var drive = tenant.Users[0].Drive!;
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        var files = Enumerable.Range(0, 6).Select(i => drive.AddFile(drive.Root, $"note{i}.txt", System.Text.Encoding.UTF8.GetBytes($"Note {i} about {Person.Email}"), "text/plain", "note", now)).ToList();
        drive.DeltaPageLimit = 2;
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        // While the product reads the second page, the first file is deleted for good and the feed's snapshot expires.
        int deltaPages = 0;
        SimDriveItem? added = null;
        server.Faults.Enqueue(GdprOps.GraphSimulator.Http.Fault.Throttled(TimeSpan.Zero), when: r =>
        {
            if (r.Path.Contains("delta", StringComparison.Ordinal) && ++deltaPages == 2)
            {
                drive.Purge(files[0]);
                added = drive.AddFile(drive.Root, "late.txt", System.Text.Encoding.UTF8.GetBytes($"Late note about {Person.Email}"), "text/plain", "late", now);
                drive.DeltaFloor = drive.CurrentSequence;
            }

            return false;
        });
        using var connection = GraphTenant.Connect(server);

        var (host, _) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { OneDrives = new[] { tenant.Users[0].UserPrincipalName }, Deep = true }, GraphTenant.Profile(Person));

        var gone = Assert.Single(server.Log.Records, r => r.Status == 410);
        var after = server.Log.Records.Where(r => r.Sequence > gone.Sequence && r.Path.Contains("delta", StringComparison.Ordinal)).OrderBy(r => r.Sequence).First();
        Assert.Contains("skiptoken", after.Query, StringComparison.OrdinalIgnoreCase);
        var seen = host.Findings.Select(f => f.ItemId).ToList();
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.DoesNotContain(files[0].Id, seen);
        Assert.Contains(added!.Id, seen);
        Assert.All(files.Skip(1), f => Assert.Contains(f.Id, seen));
        Assert.Empty(host.Errors);
    }

    [Fact]
    public async Task A_drive_whose_feed_keeps_asking_to_start_over_is_reported_not_listed_forever()
    {
        var tenant = Tenant();
        var drive = tenant.Users[0].Drive!;
        var now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        foreach (int i in Enumerable.Range(0, 4))
        {
            drive.AddFile(drive.Root, $"note{i}.txt", System.Text.Encoding.UTF8.GetBytes("Note"), "text/plain", "note", now);
        }

        drive.DeltaPageLimit = 2;
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        // Every second page finds its snapshot expired.
        server.Faults.Enqueue(GdprOps.GraphSimulator.Http.Fault.Throttled(TimeSpan.Zero), when: r =>
        {
            if (r.Path.Contains("delta", StringComparison.Ordinal))
            {
                drive.AddFolder(drive.Root, "churn" + drive.CurrentSequence, now);
                drive.DeltaFloor = drive.CurrentSequence;
            }

            return false;
        });
        using var connection = GraphTenant.Connect(server);

        var (host, summary) = await GraphTenant.SweepAsync(connection, new GraphSweepScope { OneDrives = new[] { tenant.Users[0].UserPrincipalName }, Deep = true }, null);

        Assert.Equal(DriveSource.MaxDeltaRestarts + 1, server.Log.Count(r => r.Status == 410));
        Assert.Contains(host.Errors, e => e.Message.Contains("start over", StringComparison.Ordinal));
    }
    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0/drives/b!x/root/delta()?$skiptoken=a%2Fb", true)]
    [InlineData("https://GRAPH.microsoft.com/v1.0/drives/x/root/delta()", true)]
    [InlineData("https://graph.microsoft.com.evil.example/v1.0/drives/x", false)]
    [InlineData("http://graph.microsoft.com/v1.0/drives/x", false)]
    [InlineData("https://graph.microsoft.com:8443/v1.0/drives/x", false)]
    [InlineData("https://graph.microsoft.com/beta/drives/x", false)]
    [InlineData("/v1.0/drives/x", false)]
    [InlineData(null, false)]
    public void A_410_Location_is_followed_only_on_the_Graph_endpoint_so_the_token_never_leaves_it(string? location, bool followed)
    {
        var followedUrl = DriveSource.OnEndpoint(new Uri("https://graph.microsoft.com/v1.0"), location);
        Assert.Equal(followed, followedUrl is not null);
        if (followed)
        {
            // Kept escaped: a skiptoken's %2F must not become a path separator.
            Assert.Equal(new Uri(location!).AbsoluteUri, followedUrl);
        }
    }
    private static async Task<(GraphSimulatorServer Server, SimDrive Drive, SimDriveItem File)> DriveWithFileAsync(bool ifMatchOnPurgeAndUpload, int bytes = 64)
    {
        var tenant = Tenant();
        tenant.IfMatchOnPurgeAndUpload = ifMatchOnPurgeAndUpload;
        var drive = tenant.Users[0].Drive!;
        var text = System.Text.Encoding.UTF8.GetBytes($"Payslip for {Person.Email}".PadRight(bytes, '.'));
        var file = drive.AddFile(drive.Root, "slip.txt", text, "text/plain", "slip", new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        return (await GraphSimulatorServer.StartAsync(tenant), drive, file);
    }

    private static Finding DriveFinding(SimDrive drive, SimDriveItem file, string version) =>
        new() { SourceKind = SourceKind.Drive, Source = drive.Id, ItemId = file.Id, ItemName = file.Name, Version = version };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_file_changed_since_it_was_checked_is_neither_purged_nor_overwritten_whether_or_not_the_service_honours_If_Match(bool ifMatchHonoured)
    {
        var (server, drive, file) = await DriveWithFileAsync(ifMatchHonoured);
        await using var _ = server;
        string checkedVersion = file.ETag;
        drive.ReplaceContent(file, System.Text.Encoding.UTF8.GetBytes("Edited by its owner after the sweep."), DateTimeOffset.UtcNow);
        using var connection = GraphTenant.Connect(server);
        var remover = new SourceItemRemover(connection);

        var purge = await remover.RemoveAsync(DriveFinding(drive, file, checkedVersion), RemovalMode.Purge, checkedVersion, CancellationToken.None);
        using var redacted = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("[redacted]"));
        var redact = await remover.ReplaceAsync(DriveFinding(drive, file, checkedVersion), redacted, checkedVersion, CancellationToken.None);

        Assert.Equal((RemovalOutcome.SkippedChanged, RemovalOutcome.SkippedChanged), (purge.Outcome, redact.Outcome));
        Assert.True(drive.Items.ContainsKey(file.Id));
        Assert.Equal("Edited by its owner after the sweep.", System.Text.Encoding.UTF8.GetString(file.Content));
        Assert.DoesNotContain(server.Log.Records, r => r.Endpoint is "driveItem.permanentDelete" or "driveItem.upload");

        // Unchanged, both act.
        using var again = new System.IO.MemoryStream(System.Text.Encoding.UTF8.GetBytes("[redacted]"));
        Assert.Equal(RemovalOutcome.Redacted, (await remover.ReplaceAsync(DriveFinding(drive, file, file.ETag), again, file.ETag, CancellationToken.None)).Outcome);
        Assert.Equal(RemovalOutcome.Removed, (await remover.RemoveAsync(DriveFinding(drive, file, file.ETag), RemovalMode.Purge, file.ETag, CancellationToken.None)).Outcome);
        Assert.False(drive.Items.ContainsKey(file.Id));
    }

    [Fact]
    public async Task New_content_over_the_simple_upload_limit_goes_through_an_upload_session_pinned_to_the_checked_version_without_the_token()
    {
        var (server, drive, file) = await DriveWithFileAsync(ifMatchOnPurgeAndUpload: false);
        await using var _ = server;
        server.Tenant.MaxSimpleUploadBytes = 1024 * 1024;
        using var connection = GraphConnection.Create(new GraphConnectionOptions
        {
            AccessToken = "simulator-token", GraphEndpoint = new Uri(server.BaseUrl), SimpleUploadLimitBytes = 1024 * 1024,
        });
        var remover = new SourceItemRemover(connection);
        var large = new byte[12 * 1024 * 1024];
        new Random(7).NextBytes(large);

        // A stale version: createUploadSession documents If-Match, so the session is refused and nothing changes.
        string stale = file.ETag;
        drive.ReplaceContent(file, System.Text.Encoding.UTF8.GetBytes("Edited."), DateTimeOffset.UtcNow);
        using (var content = new System.IO.MemoryStream(large))
        {
            var refused = await remover.ReplaceAsync(DriveFinding(drive, file, stale), content, stale, CancellationToken.None);
            Assert.Equal(RemovalOutcome.SkippedChanged, refused.Outcome);
        }

        Assert.Equal("Edited.", System.Text.Encoding.UTF8.GetString(file.Content));

        using (var content = new System.IO.MemoryStream(large))
        {
            var result = await remover.ReplaceAsync(DriveFinding(drive, file, file.ETag), content, file.ETag, CancellationToken.None);
            Assert.Equal(RemovalOutcome.Redacted, result.Outcome);
        }

        Assert.Equal(large, file.Content);
        var session = Assert.Single(server.Uploads);
        Assert.Equal(0, session.WithAuthorization);
        Assert.True(session.Fragments.Count >= 2);
        Assert.DoesNotContain(server.Log.Records, r => r.Endpoint == "driveItem.upload");
    }
}
