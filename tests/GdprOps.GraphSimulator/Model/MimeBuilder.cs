using System.IO;
using System.Linq;
using MimeKit;

namespace GdprOps.GraphSimulator.Model;

/// <summary>Renders a message as the MIME that GET .../messages/{id}/$value returns.</summary>
internal static class MimeBuilder
{
    public static byte[] Build(SimMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.SentDateTime,
            MessageId = message.InternetMessageId.Trim('<', '>'),
        };
        mime.From.Add(Address(message.From));
        mime.To.AddRange(message.To.Select(Address));
        mime.Cc.AddRange(message.Cc.Select(Address));
        mime.Bcc.AddRange(message.Bcc.Select(Address));

        var body = new BodyBuilder { TextBody = message.BodyText, HtmlBody = message.BodyHtml };
        foreach (var attachment in message.Attachments)
        {
            switch (attachment.Kind)
            {
                case AttachmentKind.File:
                    body.Attachments.Add(attachment.Name, attachment.Content, ContentType.Parse(attachment.ContentType));
                    break;
                case AttachmentKind.Item:
                    using (var stream = new MemoryStream(attachment.Content))
                    {
                        // Exchange marks attached items as attachments, so readers list them with the files.
                        body.Attachments.Add(new MessagePart
                        {
                            Message = MimeMessage.Load(stream),
                            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = attachment.Name + ".eml" },
                        });
                    }

                    break;
                case AttachmentKind.Reference:
                    // A reference attachment is a link: Exchange renders it into the body, not as a MIME part.
                    break;
            }
        }

        mime.Body = body.ToMessageBody();
        using var output = new MemoryStream();
        mime.WriteTo(output);
        return output.ToArray();
    }

    private static MailboxAddress Address(SimAddress address) => new(address.Name, address.Address);
}
