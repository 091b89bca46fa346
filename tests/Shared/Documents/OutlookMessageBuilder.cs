using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace GdprOps.Testing;

/// <summary>
/// Builds Outlook .msg files ([MS-OXMSG]) for tests: string properties as "__substg1.0_IIII001F" streams,
/// recipients and attachments in their storages, attached messages as embedded message storages.
/// </summary>
internal sealed class OutlookMessageBuilder
{
    private readonly Dictionary<int, string> _strings = new();
    private readonly Dictionary<int, byte[]> _binaries = new();
    private readonly List<(string Name, string Email)> _recipients = new();
    private readonly List<(string Name, byte[]? Data, OutlookMessageBuilder? Message)> _attachments = new();

    public OutlookMessageBuilder Subject(string subject) => String(0x0037, subject);

    public OutlookMessageBuilder From(string name, string email) => String(0x0C1A, name).String(0x5D01, email);

    public OutlookMessageBuilder Body(string body) => String(0x1000, body);

    public OutlookMessageBuilder HtmlBody(string html) => Binary(0x1013, Encoding.UTF8.GetBytes(html));

    /// <summary>An RTF body stored the way Outlook does: compressed RTF, here in its uncompressed form ("MELA").</summary>
    public OutlookMessageBuilder RtfBody(string rtf)
    {
        var raw = Encoding.ASCII.GetBytes(rtf);
        var stream = new byte[16 + raw.Length];
        BitConverter.GetBytes(raw.Length + 12).CopyTo(stream, 0);
        BitConverter.GetBytes(raw.Length).CopyTo(stream, 4);
        BitConverter.GetBytes(0x414C454D).CopyTo(stream, 8); // "MELA": not compressed, no CRC
        raw.CopyTo(stream, 16);
        return Binary(0x1009, stream);
    }

    public OutlookMessageBuilder To(string name, string email)
    {
        _recipients.Add((name, email));
        return this;
    }

    public OutlookMessageBuilder Attach(string fileName, byte[] data)
    {
        _attachments.Add((fileName, data, null));
        return this;
    }

    public OutlookMessageBuilder AttachMessage(string displayName, OutlookMessageBuilder message)
    {
        _attachments.Add((displayName, null, message));
        return this;
    }

    public OutlookMessageBuilder String(int id, string value)
    {
        _strings[id] = value;
        return this;
    }

    public OutlookMessageBuilder Binary(int id, byte[] value)
    {
        _binaries[id] = value;
        return this;
    }

    public byte[] Build()
    {
        var file = new CompoundFileBuilder();
        Write(file.Root, topLevel: true);
        return file.Build();
    }

    private void Write(CompoundFileBuilder.Storage storage, bool topLevel)
    {
        // The fixed-size property stream: a 32-byte header at the top, 24 bytes in an embedded message (no fixed properties here).
        storage.AddStream("__properties_version1.0", new byte[topLevel ? 32 : 24]);
        if (topLevel)
        {
            storage.AddStorage("__nameid_version1.0").AddStream(Name(0x0002, 0x0102), Array.Empty<byte>());
        }

        foreach (var (id, value) in _strings)
        {
            storage.AddStream(Name(id, 0x001F), Encoding.Unicode.GetBytes(value + "\0"));
        }

        foreach (var (id, value) in _binaries)
        {
            storage.AddStream(Name(id, 0x0102), value);
        }

        for (int i = 0; i < _recipients.Count; i++)
        {
            storage.AddStorage("__recip_version1.0_#" + i.ToString("X8", CultureInfo.InvariantCulture))
                .AddStream("__properties_version1.0", new byte[8])
                .AddStream(Name(0x3001, 0x001F), Encoding.Unicode.GetBytes(_recipients[i].Name + "\0"))
                .AddStream(Name(0x39FE, 0x001F), Encoding.Unicode.GetBytes(_recipients[i].Email + "\0"));
        }

        for (int i = 0; i < _attachments.Count; i++)
        {
            var (name, data, message) = _attachments[i];
            var attachment = storage.AddStorage("__attach_version1.0_#" + i.ToString("X8", CultureInfo.InvariantCulture))
                .AddStream("__properties_version1.0", new byte[8])
                .AddStream(Name(message is null ? 0x3707 : 0x3001, 0x001F), Encoding.Unicode.GetBytes(name + "\0"));
            if (data is not null)
            {
                attachment.AddStream(Name(0x3701, 0x0102), data);
            }
            else
            {
                message!.Write(attachment.AddStorage(Name(0x3701, 0x000D)), topLevel: false);
            }
        }
    }

    private static string Name(int id, int type) => "__substg1.0_" + id.ToString("X4", CultureInfo.InvariantCulture) + type.ToString("X4", CultureInfo.InvariantCulture);
}
