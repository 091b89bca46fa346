using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.MailFolders.Item.Messages.Delta;
using Microsoft.Graph.Users.Item.Messages.Item.Move;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class MailChangeTests
{
    [Fact]
    public async Task A_5000_message_mailbox_pages_completely_with_1000_per_page()
    {
        var (server, alice, _) = await SmallTenant.StartAsync(messages: 5000);
        await using var _ = server;
        var graph = Graph.Client(server);
        var first = await graph.Users[alice.UserPrincipalName].MailFolders["inbox"].Messages.GetAsync(r =>
        {
            r.QueryParameters.Top = 1000;
            r.QueryParameters.Select = new[] { "id", "receivedDateTime" };
        });
        var ids = new List<string>();
        var iterator = PageIterator<Message, MessageCollectionResponse>.CreatePageIterator(graph, first!, m =>
        {
            ids.Add(m.Id!);
            return true;
        });
        await iterator.IterateAsync();
        Assert.Equal(5000, ids.Count);
        Assert.Equal(5000, ids.Distinct().Count());
        Assert.Equal(5, server.Log.Count(r => r.Endpoint == "messages.list"));
    }

    [Fact]
    public async Task Search_stops_at_1000_results_in_sent_date_order()
    {
        var (server, alice, _) = await SmallTenant.StartAsync(messages: 1500);
        await using var _ = server;
        var graph = Graph.Client(server);
        var first = await graph.Users[alice.UserPrincipalName].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"Bot\"";
            r.QueryParameters.Top = 250;
            r.QueryParameters.Select = new[] { "id", "sentDateTime" };
        });
        var seen = new List<Message>();
        var iterator = PageIterator<Message, MessageCollectionResponse>.CreatePageIterator(graph, first!, m =>
        {
            seen.Add(m);
            return true;
        });
        await iterator.IterateAsync();
        Assert.Equal(1000, seen.Count);
        Assert.Equal(seen.OrderByDescending(m => m.SentDateTime).Select(m => m.Id), seen.Select(m => m.Id));
    }

    [Fact]
    public async Task Move_changes_the_rest_id_but_not_the_immutable_id()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var graph = Graph.Client(server, maxRetry: 0);
        var planted = SmallTenant.Plant(server, alice, "inbox", "Move me");
        var mailbox = graph.Users[alice.UserPrincipalName];
        string oldRestId = planted.RestId;

        var moved = await mailbox.Messages[oldRestId].Move.PostAsync(new MovePostRequestBody { DestinationId = "archive" });
        Assert.NotEqual(oldRestId, moved!.Id);
        var archive = await mailbox.MailFolders["archive"].GetAsync();
        Assert.Equal(archive!.Id, moved.ParentFolderId);

        var gone = await Assert.ThrowsAsync<ODataError>(() => mailbox.Messages[oldRestId].GetAsync());
        Assert.Equal("ErrorItemNotFound", gone.Error!.Code);

        var withImmutable = await mailbox.Messages[moved.Id].Move.PostAsync(new MovePostRequestBody { DestinationId = "inbox" }, r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""));
        Assert.Equal(planted.ImmutableId, withImmutable!.Id);
        Assert.Equal("Move me", (await mailbox.Messages[planted.ImmutableId].GetAsync())!.Subject);
    }

    [Fact]
    public async Task With_the_other_reading_one_delete_goes_straight_to_Recoverable_Items()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _s = server;
        server.Tenant.MessageDelete = GdprOps.GraphSimulator.Model.MessageDeleteBehavior.ToRecoverableItems;
        var graph = Graph.Client(server, maxRetry: 0);
        var soft = SmallTenant.Plant(server, alice, "inbox", "Soft");
        await graph.Users[alice.Id].Messages[soft.ImmutableId].DeleteAsync();
        Assert.Contains((await graph.Users[alice.Id].MailFolders["recoverableitemsdeletions"].Messages.GetAsync())!.Value!, m => m.Subject == "Soft");
        Assert.DoesNotContain((await graph.Users[alice.Id].MailFolders["deleteditems"].Messages.GetAsync())!.Value!, m => m.Subject == "Soft");
    }

    [Fact]
    public async Task Delete_is_soft_and_permanent_delete_respects_a_hold()
    {
        var (server, alice, bob) = await SmallTenant.StartAsync();
        await using var _ = server;
        var graph = Graph.Client(server, maxRetry: 0);
        var soft = SmallTenant.Plant(server, alice, "inbox", "Soft");
        var hard = SmallTenant.Plant(server, alice, "inbox", "Hard");
        var held = SmallTenant.Plant(server, bob, "inbox", "Held");
        bob.Mailbox!.OnHold = true;
        var alicebox = graph.Users[alice.Id];

        // The default, harder reading of message-delete.md: a DELETE moves mail to Deleted Items first.
        await alicebox.Messages[soft.ImmutableId].DeleteAsync();
        Assert.DoesNotContain((await alicebox.MailFolders["inbox"].Messages.GetAsync())!.Value!, m => m.Subject == "Soft");
        Assert.Contains((await alicebox.MailFolders["deleteditems"].Messages.GetAsync())!.Value!, m => m.Subject == "Soft");
        await alicebox.Messages[soft.ImmutableId].DeleteAsync();
        Assert.DoesNotContain((await alicebox.Messages.GetAsync())!.Value!, m => m.Subject == "Soft");
        var recoverable = await alicebox.MailFolders["recoverableitemsdeletions"].Messages.GetAsync();
        Assert.Contains(recoverable!.Value!, m => m.Subject == "Soft");
        var again = await Assert.ThrowsAsync<ODataError>(() => alicebox.Messages[soft.ImmutableId].DeleteAsync());
        Assert.Equal("ErrorCannotDeleteObject", again.Error!.Code);

        await alicebox.Messages[hard.ImmutableId].PermanentDelete.PostAsync();
        var notFound = await Assert.ThrowsAsync<ODataError>(() => alicebox.Messages[hard.ImmutableId].GetAsync());
        Assert.Equal(404, notFound.ResponseStatusCode);
        Assert.Empty(alice.Mailbox!.Purges);
        var twice = await Assert.ThrowsAsync<ODataError>(() => alicebox.Messages[hard.ImmutableId].PermanentDelete.PostAsync());
        Assert.Equal(404, twice.ResponseStatusCode);

        await graph.Users[bob.Id].Messages[held.ImmutableId].PermanentDelete.PostAsync();
        Assert.Equal(held.ImmutableId, Assert.Single(bob.Mailbox.Purges).ImmutableId);
        await Assert.ThrowsAsync<ODataError>(() => graph.Users[bob.Id].Messages[held.ImmutableId].GetAsync());
    }

    [Fact]
    public async Task Delta_reports_new_moved_and_deleted_messages_per_folder()
    {
        var (server, alice, _) = await SmallTenant.StartAsync(messages: 25);
        await using var _ = server;
        var graph = Graph.Client(server);
        var folder = graph.Users[alice.UserPrincipalName].MailFolders["inbox"];

        var initial = new List<Message>();
        var page = await folder.Messages.Delta.GetAsDeltaGetResponseAsync(r =>
        {
            r.QueryParameters.Select = new[] { "subject" };
            r.Headers.Add("Prefer", "odata.maxpagesize=10");
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        });
        while (true)
        {
            initial.AddRange(page!.Value!);
            if (page.OdataNextLink is null)
            {
                break;
            }

            Assert.True(page.Value!.Count <= 10);
            page = await new DeltaRequestBuilder(page.OdataNextLink, graph.RequestAdapter).GetAsDeltaGetResponseAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""));
        }

        Assert.Equal(25, initial.Count);
        Assert.All(initial, m => Assert.Null(m.Body));
        string deltaLink = Assert.IsType<string>(page.OdataDeltaLink);

        var added = SmallTenant.Plant(server, alice, "inbox", "Arrived later");
        var victim = alice.Mailbox!.Messages[initial[0].Id!];
        var mover = alice.Mailbox.Messages[initial[1].Id!];
        await graph.Users[alice.Id].Messages[victim.ImmutableId].PermanentDelete.PostAsync();
        await graph.Users[alice.Id].Messages[mover.ImmutableId].Move.PostAsync(new MovePostRequestBody { DestinationId = "archive" });

        var changes = await new DeltaRequestBuilder(deltaLink, graph.RequestAdapter).GetAsDeltaGetResponseAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""));
        Assert.NotNull(changes!.OdataDeltaLink);
        Assert.Contains(changes.Value!, m => m.Id == added.ImmutableId && m.Subject == "Arrived later");
        var removed = changes.Value!.Where(m => m.AdditionalData.ContainsKey("@removed")).Select(m => m.Id).ToList();
        Assert.Equal(new[] { victim.ImmutableId, mover.ImmutableId }.OrderBy(x => x), removed.OrderBy(x => x));

        var quiet = await new DeltaRequestBuilder(changes.OdataDeltaLink!, graph.RequestAdapter).GetAsDeltaGetResponseAsync();
        Assert.Empty(quiet!.Value!);
    }

    [Fact]
    public async Task Delta_accepts_only_a_received_date_floor()
    {
        var (server, alice, _) = await SmallTenant.StartAsync(messages: 5);
        await using var _ = server;
        var graph = Graph.Client(server, maxRetry: 0);
        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[alice.Id].MailFolders["inbox"].Messages.Delta.GetAsDeltaGetResponseAsync(r =>
            r.QueryParameters.Filter = "from/emailAddress/address eq 'bot@contoso.example'"));
        Assert.Equal(400, error.ResponseStatusCode);

        var floor = SmallTenant.Now.AddMinutes(-100).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var recent = await graph.Users[alice.Id].MailFolders["inbox"].Messages.Delta.GetAsDeltaGetResponseAsync(r => r.QueryParameters.Filter = $"receivedDateTime ge {floor}");
        Assert.Equal(2, recent!.Value!.Count);
    }
}
