using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Retention;

/// <summary>
/// What mailbox retention needs from the mail service, and no more: counts, a listing of what is over the limit (ids,
/// dates, sizes; never a body) and removal in batches. Microsoft Graph is behind it (GraphMailboxFolders in Sources);
/// a failure to reach a mailbox is a <see cref="GdprOps.Sources.SourceItemException"/>.
/// </summary>
public interface IMailboxFolders
{
    /// <summary>The messages of a folder, and all its items (meetings, contacts and tasks too).</summary>
    Task<(long Messages, long Items)> CountAsync(string mailbox, string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Pages through the messages of a folder dated before <paramref name="cutoff"/> by the date that counts there
    /// (<see cref="MailboxRetentionCheck.DateProperty"/>), oldest first, with immutable ids.
    /// </summary>
    /// <param name="withSubject">Also list each message's subject (only when the user asks to see it).</param>
    /// <param name="countAndSize">Also count them (returned) and list each message's size.</param>
    Task<long?> ForEachOverLimitAsync(string mailbox, string folder, DateTimeOffset cutoff, bool withSubject, bool countAndSize,
        Action<ListedMessage> onMessage, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes, purges or moves (to <paramref name="destination"/>) the messages, in batches; <paramref name="completed"/>
    /// gets each message's HTTP status (2xx done, 404 gone, 400 for a message a Delete cannot move further).
    /// </summary>
    Task ActAsync(string mailbox, IReadOnlyList<string> ids, string action, string? destination, Action<string, int> completed, CancellationToken cancellationToken);
}

/// <summary>A message as the retention listing sees it.</summary>
public sealed record ListedMessage(string Id, DateTimeOffset? Date, long? SizeBytes, string? Subject);
