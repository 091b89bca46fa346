using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using Microsoft.Graph.Models;
using MimeKit;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class GeneratorTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture fixture;

    public GeneratorTests(SimulatorFixture fixture) => this.fixture = fixture;

    [Fact]
    public void The_same_seed_gives_the_same_tenant_and_truth()
    {
        var (a, truthA) = TenantGenerator.Generate(SimulatorFixture.Spec);
        var (b, truthB) = TenantGenerator.Generate(SimulatorFixture.Spec);
        Assert.Equal(truthA.Items.Select(i => i.ItemId), truthB.Items.Select(i => i.ItemId));
        Assert.Equal(a.Users.Select(u => u.Id), b.Users.Select(u => u.Id));
        Assert.Equal(truthA.Retention, truthB.Retention);
        var (c, truthC) = TenantGenerator.Generate(SimulatorFixture.Spec with { Seed = 8 });
        Assert.NotEqual(truthA.Items.Select(i => i.ItemId), truthC.Items.Select(i => i.ItemId));
        Assert.NotEqual(a.TenantId, c.TenantId);
    }

    [Fact]
    public void The_tenant_has_every_kind_of_mailbox_and_drive()
    {
        var users = fixture.Tenant.Users;
        Assert.Single(users, u => u.MailboxKind == MailboxKind.None);
        Assert.Single(users, u => u.MailboxKind == MailboxKind.Forbidden);
        Assert.Equal(SimulatorFixture.Spec.SharedMailboxes, users.Count(u => u.MailboxKind == MailboxKind.Shared && !u.AccountEnabled));
        Assert.Equal(new[] { "documentLibrary", "personal" }, fixture.Tenant.Drives.Values.Select(d => d.DriveType).Distinct().OrderBy(t => t));
        Assert.Equal(PlantedPerson.All.Count * 9, fixture.Truth.Items.Count);
        Assert.Contains(fixture.Truth.Items, i => users.Any(u => u.MailboxKind == MailboxKind.Shared && u.UserPrincipalName == i.Container));
    }

    [Fact]
    public async Task Every_planted_item_holds_its_identifiers_where_the_truth_says()
    {
        var graph = Graph.Client(fixture.Server);
        foreach (var item in fixture.Truth.Items)
        {
            var person = PlantedPerson.All.Single(p => p.Key == item.Subject);
            string text;
            if (item.Source == "mail")
            {
                var stream = await graph.Users[item.Container].Messages[item.ItemId].Content.GetAsync();
                var mime = await MimeMessage.LoadAsync(stream!);
                Assert.Equal(item.InternetMessageId!.Trim('<', '>'), mime.MessageId);
                text = item.Location switch
                {
                    "header" => mime.From.ToString(),
                    "body" => mime.TextBody ?? string.Empty,
                    _ => string.Join('\n', mime.Attachments.Select(a => a is MessagePart m ? m.Message!.ToString() : ((MimePart)a).FileName)),
                };
            }
            else
            {
                var content = await graph.Drives[item.Container].Items[item.ItemId].Content.GetAsync();
                using var copy = new MemoryStream();
                await content!.CopyToAsync(copy);
                text = item.Format is "csv" or "text" ? Encoding.UTF8.GetString(copy.ToArray()) : person.Name;
                Assert.True(copy.Length > 0);
            }

            if (item.Identifiers.Contains("Email") && item.Format is not ("xlsx" or "docx" or "pdf"))
            {
                Assert.True(text.Contains(person.Email, StringComparison.OrdinalIgnoreCase), $"{item.Format} {item.Location}: {text}");
            }

            if (item.Identifiers.Contains("Phone") && item.Format is "html" or "csv" or "text")
            {
                Assert.Contains(person.Phone, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Retention_truth_counts_the_documented_date_per_folder_and_includes_the_edges()
    {
        var first = fixture.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);
        var cutoff = fixture.Truth.RetentionCutoff;
        foreach (string folder in new[] { "inbox", "sentitems", "outbox", "deleteditems" })
        {
            var edges = first.Mailbox!.Messages.Values.Where(m => m.FolderId == first.Mailbox.WellKnown(folder).Id && m.Subject.StartsWith("Edge", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, edges.Count);
            Assert.Equal(2, edges.Count(m => TenantGenerator.RetentionDate(folder, m) < cutoff));
            Assert.All(edges, m => Assert.InRange((TenantGenerator.RetentionDate(folder, m) - cutoff).Duration(), TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(61)));
        }

        Assert.All(fixture.Truth.Retention, r => Assert.InRange(r.OlderThanCutoff, 0, r.MessageCount));
        Assert.Contains(fixture.Truth.Retention, r => r.OlderThanCutoff > 0 && r.OlderBytes > 0);
    }

    [Fact]
    public async Task The_standalone_runner_prints_its_base_url_and_serves_until_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var output = new StringWriter();
        string truthFile = Path.Combine(Path.GetTempPath(), $"gdprops-truth-{Guid.NewGuid():N}.json");
        var run = Program.RunAsync(new[] { "--users", "6", "--seed", "9", "--truth", truthFile }, output, TextWriter.Null, cancel.Token);
        string? baseUrl = null;
        for (int i = 0; i < 100 && baseUrl is null; i++)
        {
            await Task.Delay(50);
            baseUrl = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))?.Trim();
        }

        Assert.NotNull(baseUrl);
        Assert.EndsWith("/v1.0", baseUrl, StringComparison.Ordinal);
        using var http = new System.Net.Http.HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x");
        Assert.Contains("userPrincipalName", await http.GetStringAsync(baseUrl + "/users"), StringComparison.Ordinal);
        Assert.Contains("\"retention\"", await File.ReadAllTextAsync(truthFile), StringComparison.Ordinal);
        cancel.Cancel();
        Assert.Equal(0, await run);
        File.Delete(truthFile);

        var error = new StringWriter();
        Assert.Equal(2, await Program.RunAsync(new[] { "--users" }, TextWriter.Null, error, CancellationToken.None));
        Assert.Contains("--users", error.ToString(), StringComparison.Ordinal);
    }
}
