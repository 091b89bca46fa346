using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>The JSON shapes of message, mailFolder and attachment (v1.0: no size property on message).</summary>
internal static class MailJson
{
    public static readonly HashSet<string> MessageProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime",
        "hasAttachments", "internetMessageId", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId",
        "isDeliveryReceiptRequested", "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification",
        "body", "uniqueBody", "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag",
    };

    public static readonly HashSet<string> MessageFilterable = new(StringComparer.OrdinalIgnoreCase)
    {
        "receivedDateTime", "sentDateTime", "lastModifiedDateTime", "createdDateTime", "from/emailAddress/address",
        "sender/emailAddress/address", "parentFolderId", "isRead", "isDraft", "hasAttachments", "subject", "internetMessageId", "conversationId",
    };

    public static readonly HashSet<string> FolderProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "displayName", "parentFolderId", "childFolderCount", "unreadItemCount", "totalItemCount", "isHidden",
    };

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static object? FilterValue(SimMessage message, string path) => path.ToLowerInvariant() switch
    {
        "receiveddatetime" => message.ReceivedDateTime,
        "sentdatetime" => message.SentDateTime,
        "lastmodifieddatetime" => message.LastModifiedDateTime,
        "createddatetime" => message.CreatedDateTime,
        "from/emailaddress/address" or "sender/emailaddress/address" => message.From.Address,
        "parentfolderid" => message.FolderId,
        "isread" => message.IsRead,
        "isdraft" => message.IsDraft,
        "hasattachments" => message.Attachments.Any(a => !a.IsInline),
        "subject" => message.Subject,
        "internetmessageid" => message.InternetMessageId,
        "conversationid" => message.ConversationId,
        _ => null,
    };

    public static JsonObject Message(SimMessage message, bool immutableIds, bool textBody, bool withSize)
    {
        string id = immutableIds ? message.ImmutableId : message.RestId;
        bool html = !textBody && message.BodyHtml is not null;
        var json = new JsonObject
        {
            ["@odata.etag"] = $"W/\"{message.ChangeKey}\"",
            ["id"] = id,
            ["createdDateTime"] = Time(message.CreatedDateTime),
            ["lastModifiedDateTime"] = Time(message.LastModifiedDateTime),
            ["changeKey"] = message.ChangeKey,
            ["categories"] = new JsonArray(),
            ["receivedDateTime"] = Time(message.ReceivedDateTime),
            ["sentDateTime"] = Time(message.SentDateTime),
            ["hasAttachments"] = message.Attachments.Any(a => !a.IsInline),
            ["internetMessageId"] = message.InternetMessageId,
            ["subject"] = message.Subject,
            ["bodyPreview"] = message.BodyText.Length > 255 ? message.BodyText[..255] : message.BodyText,
            ["importance"] = "normal",
            ["parentFolderId"] = message.FolderId,
            ["conversationId"] = message.ConversationId,
            ["isDeliveryReceiptRequested"] = false,
            ["isReadReceiptRequested"] = false,
            ["isRead"] = message.IsRead,
            ["isDraft"] = message.IsDraft,
            ["webLink"] = "https://outlook.office365.com/owa/?ItemID=" + Uri.EscapeDataString(id) + "&exvsurl=1&viewmodel=ReadMessageItem",
            ["inferenceClassification"] = "focused",
            ["body"] = new JsonObject { ["contentType"] = html ? "html" : "text", ["content"] = html ? message.BodyHtml : message.BodyText },
            ["sender"] = Recipient(message.From),
            ["from"] = Recipient(message.From),
            ["toRecipients"] = Recipients(message.To),
            ["ccRecipients"] = Recipients(message.Cc),
            ["bccRecipients"] = Recipients(message.Bcc),
            ["replyTo"] = new JsonArray(),
            ["flag"] = new JsonObject { ["flagStatus"] = "notFlagged" },
        };
        if (withSize)
        {
            // PR_MESSAGE_SIZE through $expand=singleValueExtendedProperties($filter=id eq 'Integer 0x0E08').
            json["singleValueExtendedProperties"] = new JsonArray(new JsonObject
            {
                ["id"] = "Integer 0xe08",
                ["value"] = message.Size.ToString(CultureInfo.InvariantCulture),
            });
        }

        return json;
    }

    public static JsonObject Folder(SimMailbox mailbox, SimMailFolder folder)
    {
        var messages = mailbox.Messages.Values.Where(m => m.FolderId == folder.Id).ToList();
        return new JsonObject
        {
            ["id"] = folder.Id,
            ["displayName"] = folder.DisplayName,
            ["parentFolderId"] = folder.ParentId,
            ["childFolderCount"] = folder.ChildIds.Count,
            ["unreadItemCount"] = messages.Count(m => !m.IsRead),
            ["totalItemCount"] = messages.Count + folder.OtherItems,
            ["isHidden"] = folder.IsHidden,
        };
    }

    public static JsonObject Attachment(SimAttachment attachment, bool withContent)
    {
        var json = new JsonObject
        {
            ["@odata.type"] = attachment.Kind switch
            {
                AttachmentKind.Item => "#microsoft.graph.itemAttachment",
                AttachmentKind.Reference => "#microsoft.graph.referenceAttachment",
                _ => "#microsoft.graph.fileAttachment",
            },
            ["id"] = attachment.Id,
            ["lastModifiedDateTime"] = Time(attachment.LastModifiedDateTime),
            ["name"] = attachment.Name,
            ["contentType"] = attachment.ContentType,
            ["size"] = attachment.Content.Length,
            ["isInline"] = attachment.IsInline,
        };
        if (attachment.Kind == AttachmentKind.File && withContent)
        {
            json["contentId"] = null;
            json["contentLocation"] = null;
            json["contentBytes"] = Convert.ToBase64String(attachment.Content);
        }

        if (attachment.Kind == AttachmentKind.Reference)
        {
            json["sourceUrl"] = attachment.SourceUrl;
        }

        return json;
    }

    private static JsonObject Recipient(SimAddress address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = address.Name, ["address"] = address.Address } };

    private static JsonArray Recipients(IEnumerable<SimAddress> addresses) => new(addresses.Select(a => (JsonNode)Recipient(a)).ToArray());
}
