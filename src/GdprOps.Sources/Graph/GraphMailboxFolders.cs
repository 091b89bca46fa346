using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Retention;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Messages.Item.Move;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Mailbox retention's view of a mailbox through Microsoft Graph: the folder's totalItemCount and a counted message
/// listing; a $filter on the date that counts, ordered by it, with PR_MESSAGE_SIZE expanded; removal and moves in $batch.
/// Every request goes through the executor (per-mailbox pacing, 4 in flight, Retry-After).
/// </summary>
public sealed class GraphMailboxFolders : IMailboxFolders
{
    private const string SizeProperty = "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')";
    private const string What = "mailbox retention";
    private readonly GraphConnection connection;

    public GraphMailboxFolders(GraphConnection connection) => this.connection = connection;

    public async Task<(long Messages, long Items)> CountAsync(string mailbox, string folder, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var info = await Run(mailbox, c => client.Users[mailbox].MailFolders[folder].GetAsync(r => r.QueryParameters.Select = new[] { "id", "totalItemCount" }, c), cancellationToken).ConfigureAwait(false);
        var messages = await Run(mailbox, c => client.Users[mailbox].MailFolders[folder].Messages.GetAsync(r =>
        {
            r.QueryParameters.Count = true;
            r.QueryParameters.Top = 1;
            r.QueryParameters.Select = new[] { "id" };
        }, c), cancellationToken).ConfigureAwait(false);
        return (messages?.OdataCount ?? messages?.Value?.Count ?? 0, info?.TotalItemCount ?? 0);
    }

    public async Task<long?> ForEachOverLimitAsync(string mailbox, string folder, DateTimeOffset cutoff, bool withSubject, bool countAndSize,
        Action<ListedMessage> onMessage, CancellationToken cancellationToken)
    {
        var folderMessages = connection.Client.Users[mailbox].MailFolders[folder].Messages;
        string property = MailboxRetentionCheck.DateProperty(folder);
        string filter = property + " lt " + cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var select = new List<string> { "id", property };
        if (withSubject)
        {
            select.Add("subject");
        }

        var page = await Run(mailbox, c => folderMessages.GetAsync(r =>
        {
            r.QueryParameters.Filter = filter;
            r.QueryParameters.Orderby = new[] { property + " asc" };
            r.QueryParameters.Top = 1000;
            r.QueryParameters.Select = select.ToArray();
            if (countAndSize)
            {
                r.QueryParameters.Count = true;
                r.QueryParameters.Expand = new[] { SizeProperty };
            }

            r.Headers.Add("Prefer", "IdType=\"ImmutableId\"");
        }, c), cancellationToken).ConfigureAwait(false);
        long? count = page?.OdataCount;
        while (page is not null)
        {
            foreach (var message in page.Value ?? new List<Message>())
            {
                if (message.Id is { } id)
                {
                    long? size = message.SingleValueExtendedProperties?.FirstOrDefault()?.Value is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? n : null;
                    onMessage(new ListedMessage(id, DateOf(message, property), size, message.Subject));
                }
            }

            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await Run(mailbox, c => folderMessages.WithUrl(next).GetAsync(r => r.Headers.Add("Prefer", "IdType=\"ImmutableId\""), c), cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    public Task ActAsync(string mailbox, IReadOnlyList<string> ids, string action, string? destination, Action<string, int> completed, CancellationToken cancellationToken)
    {
        var messages = connection.Client.Users[mailbox].Messages;
        return new MailboxBatch(connection).RunAsync(mailbox, ids,
            id => action switch
            {
                "Purge" => messages[id].PermanentDelete.ToPostRequestInformation(),
                "Move" => messages[id].Move.ToPostRequestInformation(new MovePostRequestBody { DestinationId = destination }),
                _ => messages[id].ToDeleteRequestInformation(),
            },
            (id, status, _) => completed(id, status),
            cancellationToken);
    }

    /// <summary>The value of the date that counts on a listed message.</summary>
    private static DateTimeOffset? DateOf(Message message, string property) => property switch
    {
        "sentDateTime" => message.SentDateTime,
        "lastModifiedDateTime" => message.LastModifiedDateTime,
        _ => message.ReceivedDateTime,
    };

    private Task<T> Run<T>(string mailbox, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        connection.Executor.RunAsync(mailbox, What, "mailbox", call, cancellationToken);
}
