using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using MimeKit;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class MailReadTests : IClassFixture<SimulatorFixture>
{
    private readonly SimulatorFixture fixture;
    private readonly GraphServiceClient graph;

    public MailReadTests(SimulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Server.Reset();
        graph = Graph.Client(fixture.Server, maxRetry: 0);
    }

    private SimUser FirstUser => fixture.Tenant.Users.First(u => u.MailboxKind == MailboxKind.User);

    [Fact]
    public async Task Users_page_with_the_sdk_page_iterator_and_honour_select_and_filter()
    {
        var first = await graph.Users.GetAsync(r =>
        {
            r.QueryParameters.Top = 5;
            r.QueryParameters.Select = new[] { "id", "userPrincipalName" };
        });
        Assert.NotNull(first!.OdataNextLink);
        Assert.StartsWith(fixture.Server.BaseUrl + "/users?", first.OdataNextLink, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=", first.OdataNextLink, StringComparison.Ordinal);
        Assert.Null(first.Value![0].DisplayName);

        var seen = new List<string>();
        var iterator = PageIterator<User, UserCollectionResponse>.CreatePageIterator(graph, first, u =>
        {
            seen.Add(u.UserPrincipalName!);
            return true;
        });
        await iterator.IterateAsync();
        Assert.Equal(fixture.Tenant.Users.Count, seen.Distinct().Count());

        var members = await graph.Users.GetAsync(r => r.QueryParameters.Filter = $"mail eq '{FirstUser.Mail}'");
        Assert.Equal(FirstUser.Id, Assert.Single(members!.Value!).Id);
    }

    [Fact]
    public async Task A_user_without_a_mailbox_and_a_mailbox_out_of_scope_answer_like_exchange_online()
    {
        var none = fixture.Tenant.Users.Single(u => u.MailboxKind == MailboxKind.None);
        var forbidden = fixture.Tenant.Users.Single(u => u.MailboxKind == MailboxKind.Forbidden);

        var missing = await Assert.ThrowsAsync<ODataError>(() => graph.Users[none.UserPrincipalName].Messages.GetAsync());
        Assert.Equal(404, missing.ResponseStatusCode);
        Assert.Equal("MailboxNotEnabledForRESTAPI", missing.Error!.Code);

        var denied = await Assert.ThrowsAsync<ODataError>(() => graph.Users[forbidden.Id].MailFolders["inbox"].Messages.GetAsync());
        Assert.Equal(403, denied.ResponseStatusCode);
        Assert.Equal("ErrorAccessDenied", denied.Error!.Code);
        Assert.True(denied.ResponseHeaders.ContainsKey("request-id"));

        // The directory object itself is readable: only mail is out of scope.
        Assert.Equal(forbidden.Id, (await graph.Users[forbidden.UserPrincipalName].GetAsync())!.Id);
    }

    [Fact]
    public async Task Error_bodies_have_graph_shape_and_echo_the_client_request_id()
    {
        using var http = Graph.Raw(fixture.Server);
        using var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "users/nobody@contoso.example/messages");
        request.Headers.Add("client-request-id", "5d2a3f0e-1111-2222-3333-444455556666");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("5d2a3f0e-1111-2222-3333-444455556666", response.Headers.GetValues("client-request-id").Single());
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Request_ResourceNotFound", (string?)body["error"]!["code"]);
        Assert.NotNull((string?)body["error"]!["message"]);
        Assert.Equal("5d2a3f0e-1111-2222-3333-444455556666", (string?)body["error"]!["innerError"]!["client-request-id"]);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)body["error"]!["innerError"]!["request-id"]);
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused()
    {
        using var http = new System.Net.Http.HttpClient();
        using var response = await http.GetAsync(fixture.Server.BaseUrl + "/users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("InvalidAuthenticationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Well_known_folders_resolve_and_hidden_folders_need_includeHiddenFolders()
    {
        string upn = FirstUser.UserPrincipalName;
        var inbox = await graph.Users[upn].MailFolders["inbox"].GetAsync();
        Assert.Equal("Inbox", inbox!.DisplayName);
        var byId = await graph.Users[upn].MailFolders[inbox.Id].GetAsync();
        Assert.Equal(inbox.Id, byId!.Id);

        var top = await graph.Users[upn].MailFolders.GetAsync(r => r.QueryParameters.Top = 50);
        Assert.DoesNotContain(top!.Value!, f => f.DisplayName == "Deletions");
        var all = await graph.Users[upn].MailFolders.GetAsync(r =>
        {
            r.QueryParameters.Top = 50;
            r.QueryParameters.IncludeHiddenFolders = "true";
        });
        // Recoverable Items is in the non-IPM subtree: never listed under the root, reached by its well-known name.
        Assert.DoesNotContain(all!.Value!, f => f.DisplayName == "Deletions");
        var deletions = await graph.Users[upn].MailFolders["recoverableitemsdeletions"].GetAsync();
        Assert.Equal("Deletions", deletions!.DisplayName);

        var children = await graph.Users[upn].MailFolders["inbox"].ChildFolders.GetAsync();
        var projects = Assert.Single(children!.Value!);
        Assert.Equal("Projects", projects.DisplayName);
        Assert.Equal("2019", Assert.Single((await graph.Users[upn].MailFolders[projects.Id].ChildFolders.GetAsync())!.Value!).DisplayName);
    }

    [Fact]
    public async Task Messages_default_to_ten_per_page_newest_first_and_reject_top_over_1000()
    {
        string upn = FirstUser.UserPrincipalName;
        var page = await graph.Users[upn].Messages.GetAsync();
        Assert.Equal(10, page!.Value!.Count);
        Assert.Equal(page.Value.OrderByDescending(m => m.ReceivedDateTime).Select(m => m.Id), page.Value.Select(m => m.Id));

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[upn].Messages.GetAsync(r => r.QueryParameters.Top = 1001));
        Assert.Equal(400, error.ResponseStatusCode);
    }

    [Fact]
    public async Task Select_is_honoured_and_size_is_not_a_message_property_but_an_extended_one()
    {
        string upn = FirstUser.UserPrincipalName;
        var page = await graph.Users[upn].Messages.GetAsync(r => r.QueryParameters.Select = new[] { "subject" });
        Assert.All(page!.Value!, m =>
        {
            Assert.NotNull(m.Id);
            Assert.NotNull(m.Subject);
            Assert.Null(m.Body);
            Assert.Null(m.From);
        });

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[upn].Messages.GetAsync(r => r.QueryParameters.Select = new[] { "size" }));
        Assert.Equal(400, error.ResponseStatusCode);

        var sized = await graph.Users[upn].Messages.GetAsync(r =>
        {
            r.QueryParameters.Select = new[] { "id" };
            r.QueryParameters.Expand = new[] { "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')" };
        });
        var message = sized!.Value![0];
        long size = long.Parse(Assert.Single(message.SingleValueExtendedProperties!).Value!, System.Globalization.CultureInfo.InvariantCulture);
        var stream = await graph.Users[upn].Messages[message.Id].Content.GetAsync();
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        Assert.Equal(copy.Length, size);
    }

    [Fact]
    public async Task Filter_on_dates_and_sender_with_orderby_follows_the_inefficient_filter_rule()
    {
        var planted = fixture.Truth.Items.First(i => i.Source == "mail" && i.Location == "header");
        var subject = PlantedPerson.All.Single(s => s.Key == planted.Subject);
        var cutoff = fixture.Truth.Now.AddDays(-70).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var hits = await graph.Users[planted.Container].Messages.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"receivedDateTime ge {cutoff} and from/emailAddress/address eq '{subject.Email}'";
            r.QueryParameters.Orderby = new[] { "receivedDateTime desc" };
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        });
        Assert.Contains(hits!.Value!, m => m.Id == planted.ItemId);
        Assert.All(hits.Value!, m => Assert.Equal(subject.Email, m.From!.EmailAddress!.Address));

        var error = await Assert.ThrowsAsync<ODataError>(() => graph.Users[planted.Container].Messages.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"from/emailAddress/address eq '{subject.Email}'";
            r.QueryParameters.Orderby = new[] { "receivedDateTime desc" };
        }));
        Assert.Equal("InefficientFilter", error.Error!.Code);
    }

    [Fact]
    public async Task Search_is_an_index_prefilter_with_kql_properties_and_its_documented_limits()
    {
        var planted = fixture.Truth.Items.First(i => i.Source == "mail" && i.Location == "header");
        var subject = PlantedPerson.All.Single(s => s.Key == planted.Subject);
        string mailbox = planted.Container;

        async Task<List<Message>> Search(string kql)
        {
            var result = await graph.Users[mailbox].Messages.GetAsync(r =>
            {
                r.QueryParameters.Search = kql;
                r.QueryParameters.Top = 100;
                r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
            });
            return result!.Value!;
        }

        Assert.Contains(await Search($"\"participants:{subject.Email}\""), m => m.Id == planted.ItemId);
        Assert.Contains(await Search($"\"from:{subject.Email}\""), m => m.Id == planted.ItemId);
        Assert.DoesNotContain(await Search($"\"to:{subject.Email}\""), m => m.Id == planted.ItemId);
        Assert.Contains(await Search("\"subject:account\""), m => m.Id == planted.ItemId);
        Assert.Contains(await Search("\"\\\"Question about\\\" AND account\""), m => m.Id == planted.ItemId);
        Assert.Empty(await Search("\"zebra OR xylophone\""));

        var sorted = await Search("\"the\"");
        Assert.Equal(sorted.OrderByDescending(m => m.SentDateTime).Select(m => m.Id), sorted.Select(m => m.Id));

        var withOrder = await Assert.ThrowsAsync<ODataError>(() => graph.Users[mailbox].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"account\"";
            r.QueryParameters.Orderby = new[] { "receivedDateTime" };
        }));
        Assert.Equal("SearchWithOrderBy", withOrder.Error!.Code);
        await Assert.ThrowsAsync<ODataError>(() => graph.Users[mailbox].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"account\"";
            r.QueryParameters.Filter = "isRead eq false";
        }));
        await Assert.ThrowsAsync<ODataError>(() => graph.Users[mailbox].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"account\"";
            r.QueryParameters.Skip = 10;
        }));

        // A raw double quote inside the value is a syntax error: clients must strip or reject quotes.
        var quote = await Assert.ThrowsAsync<ODataError>(() => graph.Users[mailbox].Messages.GetAsync(r => r.QueryParameters.Search = "\"O\"Brien\""));
        Assert.Equal(400, quote.ResponseStatusCode);
    }

    [Theory]
    [InlineData("\"José\"", "Kontrakt Jose Mueller", true, false)]
    [InlineData("\"José\"", "Kontrakt JOSÉ Müller", true, true)]
    [InlineData("\"Søren\"", "Mødet med Soren", true, false)]
    [InlineData("\"Soren\"", "Mødet med Søren", true, false)]
    [InlineData("\"Søren\"", "Mødet med SØREN", true, true)]
    [InlineData("\"Mueller\"", "Kontrakt Jose Mueller", true, true)]
    public void Search_folds_marks_unless_the_index_is_diacritic_sensitive(string search, string text, bool folded, bool sensitive)
    {
        // Graph's docs do not say how either index folds letters: the default folds marks and Nordic letters, the other
        // reading (SearchDiacriticSensitive) only case.
        Assert.Equal(folded, OData.KqlQuery.Parse(search).Matches(_ => OData.KqlQuery.Fold(text)));
        Assert.Equal(sensitive, OData.KqlQuery.Parse(search, keepMarks: true).Matches(_ => OData.KqlQuery.Fold(text, keepMarks: true)));
    }

    [Fact]
    public async Task Search_matches_word_prefixes_so_decoys_come_back_and_attachment_contents_do_not()
    {
        var decoy = fixture.Truth.Decoys.First();
        var subject = PlantedPerson.All.Single(s => s.Key == decoy.Subject);
        string firstName = subject.Name.Split(' ')[0];
        var result = await graph.Users[decoy.Container].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = $"\"{firstName}\"";
            r.QueryParameters.Top = 100;
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        });
        Assert.Contains(result!.Value!, m => m.Id == decoy.ItemId);

        var inAttachment = fixture.Truth.Items.First(i => i.Source == "mail" && i.Format == "docx");
        var idSearch = await graph.Users[inAttachment.Container].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"" + PlantedPerson.All.Single(s => s.Key == inAttachment.Subject).NationalId + "\"";
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        });
        Assert.DoesNotContain(idSearch!.Value!, m => m.Id == inAttachment.ItemId);
        var byName = await graph.Users[inAttachment.Container].Messages.GetAsync(r =>
        {
            r.QueryParameters.Search = "\"attachment:letter.docx\"";
            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        });
        Assert.Contains(byName!.Value!, m => m.Id == inAttachment.ItemId);
    }

    [Fact]
    public async Task Mime_attachments_and_their_raw_values_come_back_intact()
    {
        var planted = fixture.Truth.Items.First(i => i.Source == "mail" && i.Format == "docx");
        var messages = graph.Users[planted.Container].Messages[planted.ItemId];
        var stream = await messages.Content.GetAsync();
        var mime = await MimeMessage.LoadAsync(stream!);
        Assert.Equal(planted.InternetMessageId!.Trim('<', '>'), mime.MessageId);
        var part = Assert.Single(mime.Attachments.OfType<MimePart>());
        Assert.Equal("letter.docx", part.FileName);

        var attachments = await messages.Attachments.GetAsync();
        var file = Assert.IsType<FileAttachment>(Assert.Single(attachments!.Value!));
        using var http = Graph.Raw(fixture.Server);
        byte[] raw = await http.GetByteArrayAsync($"users/{planted.Container}/messages/{planted.ItemId}/attachments/{file.Id}/$value");
        Assert.Equal(file.ContentBytes, raw);
        using var decoded = new MemoryStream();
        await part.Content!.DecodeToAsync(decoded);
        Assert.Equal(raw, decoded.ToArray());

        var item = fixture.Truth.Items.First(i => i.Source == "mail" && i.Format == "eml");
        var itemAttachments = await graph.Users[item.Container].Messages[item.ItemId].Attachments.GetAsync();
        var attached = Assert.IsType<ItemAttachment>(Assert.Single(itemAttachments!.Value!));
        byte[] embedded = await http.GetByteArrayAsync($"users/{item.Container}/messages/{item.ItemId}/attachments/{attached.Id}/$value");
        Assert.Equal("Original complaint", MimeMessage.Load(new MemoryStream(embedded)).Subject);
    }

    [Fact]
    public async Task Reference_attachments_have_no_value()
    {
        var owner = fixture.Tenant.Users.First(u => u.Mailbox?.Messages.Values.Any(m => m.Attachments.Any(a => a.Kind == AttachmentKind.Reference)) == true);
        var message = owner.Mailbox!.Messages.Values.First(m => m.Attachments.Any(a => a.Kind == AttachmentKind.Reference));
        using var http = Graph.Raw(fixture.Server);
        using var response = await http.GetAsync($"users/{owner.Id}/messages/{message.ImmutableId}/attachments/{message.Attachments[0].Id}/$value");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Prefer_text_body_and_html_by_default()
    {
        var planted = fixture.Truth.Items.First(i => i.Source == "mail" && i.Format == "html");
        var html = await graph.Users[planted.Container].Messages[planted.ItemId].GetAsync();
        Assert.Equal(BodyType.Html, html!.Body!.ContentType);
        var text = await graph.Users[planted.Container].Messages[planted.ItemId].GetAsync(r => r.Headers.Add("Prefer", "outlook.body-content-type=\"text\""));
        Assert.Equal(BodyType.Text, text!.Body!.ContentType);
        Assert.DoesNotContain("<p>", text.Body.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_with_a_date_filter_answers_without_bodies()
    {
        var fact = fixture.Truth.Retention.First(r => r.OlderThanCutoff > 0);
        string cutoff = fixture.Truth.RetentionCutoff.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        string property = fact.Folder switch { "sentitems" or "outbox" => "sentDateTime", "deleteditems" => "lastModifiedDateTime", _ => "receivedDateTime" };
        var page = await graph.Users[fact.Mailbox].MailFolders[fact.Folder].Messages.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"{property} lt {cutoff}";
            r.QueryParameters.Count = true;
            r.QueryParameters.Top = 1;
            r.QueryParameters.Select = new[] { "id" };
        });
        Assert.Equal(fact.OlderThanCutoff, (int)page!.OdataCount!.Value);
    }
}
