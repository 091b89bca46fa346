using System;
using System.IO;
using System.Threading.Tasks;
using MimeKit;

namespace GdprOps.Extraction.Formats;

/// <summary>
/// Email (RFC 822/MIME) with MimeKit: address headers ("Header": From to Bcc, Resent-*, and the envelope's Delivered-To,
/// X-Original-To, Return-Path ...), the subject ("Subject"), text and HTML
/// bodies ("Body", RTF bodies read as RTF), and attachments and attached messages through the same extractor
/// ("Attachment:NAME"), recursively within the depth budget. A TNEF part (winmail.dat) is read as the message
/// it encodes.
/// </summary>
internal static class MimeExtractor
{
    /// <summary>Headers that name a recipient or a sender outside From, To and Cc (the envelope, read receipts, forwarding).</summary>
    private static readonly System.Collections.Generic.HashSet<string> EnvelopeHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Return-Path", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "X-Forwarded-To", "Disposition-Notification-To",
        "Return-Receipt-To", "X-Original-Sender", "X-Original-From",
    };

    public static async Task ExtractAsync(ExtractionContext context, Stream stream, string where, int depth)
    {
        MimeMessage message;
        try
        {
            // MimeKit's own limit on MIME nesting (1024) stops deeply nested bombs quickly. Persistent: part
            // contents stay on the (seekable) stream instead of being copied into memory, so a big mail stays small.
            message = await MimeMessage.LoadAsync(ParserOptions.Default, stream, persistent: stream.CanSeek, context.CancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new ExtractionLimitException("not a readable email message", ex);
        }

        await WriteMessageAsync(context, message, where, depth).ConfigureAwait(false);
    }

    private static async Task WriteMessageAsync(ExtractionContext context, MimeMessage message, string where, int depth)
    {
        foreach (var list in new[]
        {
            message.From, message.Sender is null ? null : new InternetAddressList { message.Sender }, message.ReplyTo, message.To, message.Cc, message.Bcc,
            message.ResentFrom, message.ResentSender is null ? null : new InternetAddressList { message.ResentSender }, message.ResentReplyTo, message.ResentTo,
            message.ResentCc, message.ResentBcc,
        })
        {
            if (list is { Count: > 0 })
            {
                context.Sink.AppendLine(ContentExtractor.Within(where, "Header"), list.ToString());
            }
        }

        foreach (var header in message.Headers)
        {
            // Who the message was really delivered to: a list member or a Bcc recipient is named only here, not in To or Cc.
            if (EnvelopeHeaders.Contains(header.Field) && !string.IsNullOrWhiteSpace(header.Value))
            {
                context.Sink.AppendLine(ContentExtractor.Within(where, "Header"), header.Value.Trim());
            }
        }

        if (message.Subject is { Length: > 0 } subject)
        {
            context.Sink.AppendLine(ContentExtractor.Within(where, "Subject"), subject);
        }

        if (message.Body is not null)
        {
            await WriteEntityAsync(context, message.Body, where, depth).ConfigureAwait(false);
        }
    }

    private static async Task WriteEntityAsync(ExtractionContext context, MimeEntity entity, string where, int depth)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    await WriteEntityAsync(context, child, where, depth).ConfigureAwait(false);
                }

                break;
            case MessagePart attached when attached.Message is not null:
                string name = (attached.ContentDisposition?.FileName ?? attached.Message.Subject ?? "message") + ".eml";
                string attachedPart = ContentExtractor.Within(where, "Attachment:" + name);
                if (depth + 1 > context.Budget.MaxDepth)
                {
                    context.Problem(depth + 1, $"{attachedPart}: nested deeper than {context.Budget.MaxDepth} levels");
                    break;
                }

                await WriteMessageAsync(context, attached.Message, attachedPart, depth + 1).ConfigureAwait(false);
                break;
            case MimeKit.Tnef.TnefPart tnef:
                // winmail.dat: Outlook's own encoding of the message (body often RTF) and its attachments.
                string tnefName = tnef.FileName ?? "winmail.dat";
                string tnefPart = ContentExtractor.Within(where, "Attachment:" + tnefName);
                if (depth + 1 > context.Budget.MaxDepth)
                {
                    context.Problem(depth + 1, $"{tnefPart}: nested deeper than {context.Budget.MaxDepth} levels");
                    break;
                }

                MimeMessage converted;
                try
                {
                    converted = tnef.ConvertToMessage();
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or IOException or MimeKit.Tnef.TnefException)
                {
                    context.Problem(depth + 1, $"{tnefPart}: not a readable TNEF (winmail.dat) attachment");
                    break;
                }

                await WriteMessageAsync(context, converted, tnefPart, depth + 1).ConfigureAwait(false);
                break;
            case TextPart rtf when !rtf.IsAttachment && (rtf.ContentType.IsMimeType("text", "rtf") || rtf.ContentType.IsMimeType("application", "rtf")) && rtf.Content is not null:
                using (var decoded = new MemoryStream())
                {
                    await rtf.Content.DecodeToAsync(decoded, context.CancellationToken).ConfigureAwait(false);
                    decoded.Position = 0;
                    try
                    {
                        RtfExtractor.Extract(context, decoded, ContentExtractor.Within(where, "Body"));
                    }
                    catch (ExtractionLimitException ex)
                    {
                        context.Problem(depth + 1, $"{ContentExtractor.Within(where, "Body")} (RTF): {ex.Message}");
                    }
                }

                break;
            case TextPart text when !text.IsAttachment:
                if (text.IsHtml)
                {
                    HtmlExtractor.Extract(text.Text, context.Sink, ContentExtractor.Within(where, "Body"));
                }
                else
                {
                    context.Sink.AppendLine(ContentExtractor.Within(where, "Body"), text.Text);
                }

                break;
            case MimePart { Content: { } payload } part:
                string fileName = part.FileName ?? "attachment" + (MimeTypes.TryGetExtension(part.ContentType.MimeType, out string? extension) ? extension : string.Empty);
                string attachment = ContentExtractor.Within(where, "Attachment:" + fileName);
                context.Sink.AppendLine(attachment, fileName);
                using (var content = SpillStream.Create(payload.Stream is { CanSeek: true } encoded ? encoded.Length : long.MaxValue))
                {
                    await payload.DecodeToAsync(content, context.CancellationToken).ConfigureAwait(false);
                    context.Inflate(content.Length);
                    content.Position = 0;
                    await context.Extractor.ExtractNestedAsync(context, content, fileName, Path.GetExtension(fileName), attachment, depth + 1).ConfigureAwait(false);
                }

                break;
        }
    }
}
