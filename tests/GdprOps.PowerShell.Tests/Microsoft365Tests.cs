using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.Tests.Shared;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using Xunit;

namespace GdprOps.PowerShell.Tests;

/// <summary>The Microsoft 365 sweep exactly as a user runs it: Connect-GdprOps -GraphEndpoint, then the cmdlets, in the real engine.</summary>
public sealed class Microsoft365Tests : IAsyncLifetime
{
    private GraphSimulatorServer server = null!;
    private GroundTruth truth = null!;

    public async Task InitializeAsync()
    {
        var (tenant, generated) = TenantGenerator.Generate(new TenantSpec { Users = 6, SharedMailboxes = 1, MessagesPerMailbox = 12, FilesPerDrive = 2, Seed = 21 });
        truth = generated;
        server = await GraphSimulatorServer.StartAsync(tenant);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static string Jwt(params string[] roles)
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("{\"alg\":\"none\"}") + "." + Part("{\"tid\":\"tenant-1\",\"appid\":\"app-1\",\"roles\":[\"" + string.Join("\",\"", roles) + "\"]}") + ".c2ln";
    }

    private string Connect(string token = "simulator-token") =>
        $"Connect-GdprOps -AccessToken ([System.Net.NetworkCredential]::new('', '{token}').SecurePassword) -GraphEndpoint '{server.BaseUrl}' | Out-Null\n";

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    [Fact]
    public void Connect_shows_tenant_app_and_permissions_but_never_the_token()
    {
        string token = Jwt("Mail.Read", "Files.Read.All");
        var result = Ps.Run(Connect(token) + "Get-GdprOpsConnection");
        Assert.Null(result.Terminating);
        var info = Assert.Single(result.Output);
        Assert.Equal("tenant-1", Prop(info, "TenantId"));
        Assert.Equal("app-1", Prop(info, "ClientId"));
        Assert.Equal("AccessToken", Prop(info, "AuthType"));
        Assert.Equal("Files.Read.All;Mail.Read", Prop(info, "Permissions"));
        Assert.Equal(server.BaseUrl, Prop(info, "GraphEndpoint"));
        Assert.DoesNotContain(info.Properties, p => (p.Value?.ToString() ?? string.Empty).Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void Disconnect_ends_the_connection_and_cloud_sweeps_then_refuse()
    {
        var result = Ps.Run(Connect() + "Disconnect-GdprOps\n@(Get-GdprOpsConnection).Count\ntry { Find-PersonalData -Mailbox x@contoso.example -Email a@b.example } catch { $_ }");
        Assert.Equal(0, (int)result.Output[0].BaseObject);
        var error = result.Caught();
        Assert.Equal("NotConnected,GdprOps.PowerShell.Commands.FindPersonalDataCommand", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void A_connection_belongs_to_its_runspace()
    {
        Assert.Null(Ps.Run(Connect()).Terminating);
        Assert.Empty(Ps.Run("Get-GdprOpsConnection").Output);
    }

    [Fact]
    public void A_deep_mailbox_and_drive_sweep_finds_the_planted_items_and_reports_bad_mailboxes_as_their_own_errors()
    {
        var person = PlantedPerson.All[0];
        var forbidden = server.Tenant.Users.Single(u => u.MailboxKind == MailboxKind.Forbidden);
        var mailboxes = string.Join(",", server.Tenant.Users.Where(u => u.MailboxKind != MailboxKind.None).Select(u => $"'{u.UserPrincipalName}'"));
        var oneDrives = string.Join(",", server.Tenant.Users.Where(u => u.Drive is not null).Select(u => $"'{u.UserPrincipalName}'"));
        string script = Connect() +
            $"Find-PersonalData -Mailbox {mailboxes} -OneDrive {oneDrives} -AllSites -Team '{server.Tenant.Groups[0].DisplayName}' " +
            $"-Email '{person.Email}' -Name '{person.Name}' -Phone '{person.Phone}' -NationalId '{person.NationalIdKind}:{person.NationalId}' -Deep";
        var result = Ps.Run(script);
        Assert.Null(result.Terminating);

        var expected = truth.For(person.Key).Select(i => i.ItemId).OrderBy(x => x).ToList();
        Assert.Equal(expected, result.Output.Where(o => Prop(o, "Status") == "Scanned").Select(o => Prop(o, "ItemId")).OrderBy(x => x));
        Assert.Contains(result.Output, o => Prop(o, "SourceKind") == "Mailbox" && Prop(o, "Where").Contains("Attachment:", StringComparison.Ordinal));
        Assert.Contains(result.Output, o => Prop(o, "SourceKind") == "Drive");

        var denied = Assert.Single(result.Errors);
        Assert.Equal("MailboxAccessDenied,GdprOps.PowerShell.Commands.FindPersonalDataCommand", denied.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Equal("mailbox " + forbidden.UserPrincipalName, denied.TargetObject);
        Assert.Contains(result.Warnings, w => w.Contains("In-Place Archive", StringComparison.Ordinal));
        Assert.DoesNotContain(person.Email, result.AllText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person.NationalId, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_deep_a_warning_says_attachments_were_not_searched()
    {
        var person = PlantedPerson.All[1];
        var mailbox = server.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        var result = Ps.Run(Connect() + $"Find-PersonalData -Mailbox '{mailbox.UserPrincipalName}' -Email '{person.Email}'");
        Assert.Null(result.Terminating);
        Assert.Contains(result.Warnings, w => w.Contains("-Deep", StringComparison.Ordinal));
    }

    [Fact]
    public void An_endpoint_that_is_not_graph_v1_is_refused_at_connect()
    {
        var result = Ps.Run($"try {{ Connect-GdprOps -AccessToken ([System.Net.NetworkCredential]::new('', 'x').SecurePassword) -GraphEndpoint '{server.Origin}beta' }} catch {{ $_ }}");
        Assert.Equal("InvalidArgument,GdprOps.PowerShell.Commands.ConnectGdprOpsCommand", result.Caught().FullyQualifiedErrorId);
    }

    [Fact]
    public void A_wrong_port_host_or_scheme_is_a_clear_ConnectionFailed_at_once()
    {
        // A port nobody listens on: refused at once.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // Something that answers HTTP but is not Graph: a plain web server on loopback, on a port of its own (the one after
        // closedPort may be taken by another test's server: that made this test fail with "Address already in use").
        using var web = StartWebServer(out int webPort);
        _ = Task.Run(async () =>
        {
            while (web.IsListening)
            {
                try
                {
                    var context = await web.GetContextAsync();
                    byte[] page = Encoding.UTF8.GetBytes("<html><body>Welcome to nginx!</body></html>");
                    context.Response.ContentType = "text/html";
                    await context.Response.OutputStream.WriteAsync(page);
                    context.Response.Close();
                }
                catch (System.Net.HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });

        foreach (string endpoint in new[] { $"http://127.0.0.1:{closedPort}/v1.0", $"http://127.0.0.1:{webPort}/v1.0", "http://graph.contoso.example/v1.0", "ftp://127.0.0.1/v1.0" })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = Ps.Run($"try {{ Connect-GdprOps -AccessToken ([System.Net.NetworkCredential]::new('', 'x').SecurePassword) -GraphEndpoint '{endpoint}' -ErrorAction Stop }} catch {{ $_ }}\n@(Get-GdprOpsConnection).Count");
            var error = result.Caught();
            Assert.True(error.FullyQualifiedErrorId == "ConnectionFailed,GdprOps.PowerShell.Commands.ConnectGdprOpsCommand", endpoint + ": " + error.FullyQualifiedErrorId + " " + error.Exception.Message);
            Assert.DoesNotContain("ArgumentException", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(0, result.Output.Select(o => o.BaseObject).OfType<int>().Single());
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), endpoint);
        }

        web.Stop();
    }

    /// <summary>An HttpListener on a free loopback port: a port found free is bound at once, and another tried if it was taken in between.</summary>
    private static System.Net.HttpListener StartWebServer(out int port)
    {
        for (int attempt = 0; ; attempt++)
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var web = new System.Net.HttpListener();
            web.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                web.Start();
                return web;
            }
            catch (System.Net.HttpListenerException) when (attempt < 20)
            {
                web.Close();
            }
        }
    }

    [Fact]
    public void Test_MailboxRetention_reports_each_folder_and_a_summary_that_matches_the_ground_truth()
    {
        var facts = truth.Retention;
        string mailboxes = string.Join(",", facts.Select(f => f.Mailbox).Distinct().Select(m => $"'{m}'"));
        string asOf = truth.Now.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        var result = Ps.Run(Connect() + $"Test-MailboxRetention -Mailbox {mailboxes} -AsOf ([datetime]::Parse('{asOf}').ToUniversalTime())");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var folders = result.Output.Where(o => o.TypeNames[0] == "GdprOps.MailboxRetentionResult").ToList();
        Assert.Equal(facts.Count, folders.Count);
        foreach (var fact in facts)
        {
            var row = folders.Single(o => Prop(o, "Mailbox") == fact.Mailbox && Prop(o, "Folder") == fact.Folder);
            Assert.Equal(fact.OlderThanCutoff, (int)row.Properties["ViolationCount"].Value);
            Assert.Equal(fact.OlderThanCutoff == 0, (bool)row.Properties["Compliant"].Value);
        }

        var summary = result.Output.Last();
        Assert.Equal("GdprOps.MailboxRetentionSummary", summary.TypeNames[0]);
        Assert.Equal("GdprOps.RetentionSummary", summary.TypeNames[1]); // the former name, for scripts that filter on it
        Assert.Equal(facts.Sum(f => f.OlderThanCutoff), (int)summary.Properties["Violations"].Value);
    }

    [Fact]
    public void Invoke_MailboxRetention_acts_on_what_the_test_found_and_a_second_run_does_nothing()
    {
        var fact = truth.Retention.First(f => f.OlderThanCutoff > 0);
        string asOf = $"([datetime]::Parse('{truth.Now.UtcDateTime:o}').ToUniversalTime())";
        using var dir = new TempFolder();
        string audit = Path.Combine(dir.Path, "audit.log");
        var whatIf = Ps.Run(Connect() + $"Invoke-MailboxRetention -Mailbox '{fact.Mailbox}' -Folder {fact.Folder} -AsOf {asOf} -AuditLogPath '{audit}' -WhatIf");
        Assert.Null(whatIf.Terminating);
        Assert.Empty(whatIf.Output);
        Assert.False(File.Exists(audit));

        // A dry run by preference wins over -Force too: nothing is acted on, nothing recorded.
        var preference = Ps.Run(Connect() + $"$WhatIfPreference = $true\nInvoke-MailboxRetention -Mailbox '{fact.Mailbox}' -Folder {fact.Folder} -AsOf {asOf} -AuditLogPath '{audit}' -Force");
        Assert.Null(preference.Terminating);
        Assert.Empty(preference.Output);
        Assert.False(File.Exists(audit));

        var result = Ps.Run(Connect() +
            $"Test-MailboxRetention -Mailbox '{fact.Mailbox}' -Folder {fact.Folder} -AsOf {asOf} | Where-Object {{ $_.ViolationCount -gt 0 }} | Invoke-MailboxRetention -AsOf {asOf} -Force -AuditLogPath '{audit}'\n" +
            $"Invoke-MailboxRetention -Mailbox '{fact.Mailbox}' -Folder {fact.Folder} -AsOf {asOf} -Force -AuditLogPath '{audit}'");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var summaries = result.Output.Where(o => o.TypeNames[0] == "GdprOps.MailboxRetentionEnforcementSummary").ToList();
        Assert.Equal(2, summaries.Count);
        Assert.Equal(fact.OlderThanCutoff, (int)summaries[0].Properties["Acted"].Value);
        Assert.Equal(0, (int)summaries[1].Properties["Acted"].Value);
        Assert.Single(File.ReadAllLines(audit).Skip(1));
    }

    [Fact]
    public void Policies_in_json_and_psd1_are_validated_and_drive_the_test()
    {
        using var dir = new TempFolder();
        string json = dir.File("retention.json", "{\n  \"version\": 1,\n  \"mailboxRules\": [\n    { \"name\": \"Six months\", \"olderThan\": \"6mo\", \"legalBasis\": \"Policy 4.2\" }\n  ]\n}\n");
        string psd1 = dir.File("retention.psd1", "@{\n    version = 1\n    mailboxRules = @(\n        @{ name = 'Inbox'; folders = @('inbox'); olderThan = '6mo'; legalBasis = 'Policy 4.2' }\n    )\n}\n");
        string broken = dir.File("broken.json", "{\n  \"mailboxRules\": [\n    { \"name\": \"x\",\n      \"olderThan\": \"soon\" }\n  ]\n}\n");
        var checks = Ps.Run($"Test-RetentionPolicy -Path '{json}'; Test-RetentionPolicy -Path '{psd1}'; Test-RetentionPolicy -Path '{broken}'");
        Assert.Null(checks.Terminating);
        Assert.True((bool)checks.Output[0].Properties["Valid"].Value);
        Assert.True((bool)checks.Output[1].Properties["Valid"].Value);
        Assert.False((bool)checks.Output[2].Properties["Valid"].Value);
        Assert.StartsWith("line 4:", (string)checks.Output[2].Properties["Problems"].Value, StringComparison.Ordinal);

        var fact = truth.Retention.First(f => f.Folder == "inbox");
        var result = Ps.Run(Connect() + $"Test-MailboxRetention -Mailbox '{fact.Mailbox}' -Policy '{psd1}' -AsOf ([datetime]::Parse('{truth.Now.UtcDateTime:o}').ToUniversalTime())");
        Assert.Null(result.Terminating);
        var row = Assert.Single(result.Output, o => o.TypeNames[0] == "GdprOps.MailboxRetentionResult");
        Assert.Equal("inbox", Prop(row, "Folder"));
        Assert.Equal(fact.OlderThanCutoff, (int)row.Properties["ViolationCount"].Value);

        var enforce = Ps.Run(Connect() + $"Invoke-MailboxRetention -Mailbox '{fact.Mailbox}' -Policy '{psd1}' -AsOf ([datetime]::Parse('{truth.Now.UtcDateTime:o}').ToUniversalTime()) -Force -AuditLogPath '{Path.Combine(dir.Path, "a.log")}'");
        Assert.Null(enforce.Terminating);
        Assert.Empty(enforce.Errors);
        Assert.Equal(fact.OlderThanCutoff, (int)enforce.Output.Last().Properties["Acted"].Value);
    }

    [Fact]
    public void Test_MailboxRetention_refuses_an_unknown_age()
    {
        var result = Ps.Run(Connect() + "try { Test-MailboxRetention -Mailbox a@b.example -OlderThan soon } catch { $_ }");
        Assert.Equal("InvalidArgument,GdprOps.PowerShell.Commands.TestMailboxRetentionCommand", result.Caught().FullyQualifiedErrorId);
    }

    [Fact]
    public void No_source_at_all_is_a_clear_terminating_error()
    {
        var result = Ps.Run("try { Find-PersonalData -Email a@b.example } catch { $_ }");
        Assert.Equal("InvalidArgument,GdprOps.PowerShell.Commands.FindPersonalDataCommand", result.Caught().FullyQualifiedErrorId);
    }
}
