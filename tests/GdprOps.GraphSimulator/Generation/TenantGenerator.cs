using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GdprOps.GraphSimulator.Model;
using GdprOps.Testing;

namespace GdprOps.GraphSimulator.Generation;

/// <summary>
/// Builds a deterministic tenant: users (with and without mailboxes, one out of the app's scope), shared
/// mailboxes, OneDrives, SharePoint sites and Teams, filler mail and files in three languages, the
/// <see cref="PlantedPerson.All"/> people planted at known places, decoys, and mail on both sides of the retention cutoff.
/// </summary>
public sealed class TenantGenerator
{
    private static readonly string[] GivenNames = { "Anna", "Bram", "Clara", "Daan", "Emil", "Freja", "Gijs", "Hanne", "Ivo", "Jonas", "Karen", "Lars", "Mette", "Noah", "Olga", "Pieter" };
    private static readonly string[] Surnames = { "Jansen", "Nielsen", "Smith", "de Vries", "Hansen", "Taylor", "Bakker", "Larsen", "Brown", "Visser", "Madsen", "Wilson" };
    private static readonly string[] RetentionFolders = { "inbox", "sentitems", "outbox", "deleteditems" };

    private readonly TenantSpec spec;
    private readonly Random random;
    private readonly SimTenant tenant;
    private readonly GroundTruth truth;

    private TenantGenerator(TenantSpec spec)
    {
        this.spec = spec;
        random = new Random(spec.Seed);
        tenant = new SimTenant(spec.Seed, spec.Domain);
        truth = new GroundTruth { Seed = spec.Seed, Now = spec.Now, RetentionCutoff = spec.Now.AddMonths(-6) };
    }

    public static (SimTenant Tenant, GroundTruth Truth) Generate(TenantSpec spec)
    {
        var generator = new TenantGenerator(spec);
        generator.Build();
        return (generator.tenant, generator.truth);
    }

    /// <summary>Adds <paramref name="count"/> filler messages to one folder (paging and benchmark tenants).</summary>
    public static void Fill(SimTenant tenant, SimUser user, string folder, int count, DateTimeOffset now, int seed = 1, string language = "en")
    {
        var random = new Random(seed);
        var mailbox = user.Mailbox!;
        var target = mailbox.FindFolder(folder) ?? throw new ArgumentException($"No folder '{folder}'.", nameof(folder));
        var colleague = new SimAddress("Team Bot", $"bot@{tenant.Domain}");
        for (int i = 0; i < count; i++)
        {
            var when = now.AddMinutes(-(i + 1) * 37);
            mailbox.Add(NewMessage(tenant, target, colleague, new[] { Address(user) }, FillerText.Subject(random, language) + " #" + i.ToString(CultureInfo.InvariantCulture),
                FillerText.Body(random, language), null, when, Array.Empty<SimAttachment>()));
        }
    }

    public static SimMessage NewMessage(SimTenant tenant, SimMailFolder folder, SimAddress from, IReadOnlyList<SimAddress> to, string subject, string body, string? html,
        DateTimeOffset received, IReadOnlyList<SimAttachment> attachments, IReadOnlyList<SimAddress>? cc = null, DateTimeOffset? lastModified = null)
    {
        var ids = tenant.Ids;
        return new SimMessage
        {
            ImmutableId = ids.ImmutableId(),
            RestId = ids.RestId(),
            FolderId = folder.Id,
            Subject = subject,
            BodyText = body,
            BodyHtml = html,
            From = from,
            To = to,
            Cc = cc ?? Array.Empty<SimAddress>(),
            ReceivedDateTime = received,
            SentDateTime = received.AddSeconds(-20),
            CreatedDateTime = received,
            LastModifiedDateTime = lastModified ?? received,
            InternetMessageId = $"<{ids.Guid()}@{tenant.Domain}>",
            ConversationId = "AAQk" + ids.Guid().Replace("-", string.Empty, StringComparison.Ordinal),
            ChangeKey = "CQAAABYAAA" + ids.Token12(),
            Attachments = attachments,
        };
    }

    private void Build()
    {
        var created = spec.Now.AddYears(-3);
        var users = new List<SimUser>();
        for (int i = 0; i < spec.Users; i++)
        {
            string given = GivenNames[i % GivenNames.Length];
            string surname = Surnames[(i / GivenNames.Length + i) % Surnames.Length];
            string alias = $"{given}.{surname.Replace(" ", string.Empty, StringComparison.Ordinal)}{i}".ToLowerInvariant();
            var kind = spec.Users >= 4 && i == spec.Users - 1 ? MailboxKind.None
                : spec.Users >= 4 && i == spec.Users - 2 ? MailboxKind.Forbidden
                : MailboxKind.User;
            users.Add(tenant.AddUser(alias, $"{given} {surname}", kind, withDrive: true, created));
        }

        for (int i = 0; i < spec.SharedMailboxes; i++)
        {
            string name = i switch { 0 => "support", 1 => "hr", 2 => "finance", _ => $"shared{i}" };
            users.Add(tenant.AddUser(name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name) + " Team", MailboxKind.Shared, withDrive: false, created));
        }

        for (int i = 0; i < spec.Sites; i++)
        {
            tenant.AddSite(i == 0 ? "hr" : $"projects{i}", i == 0 ? "Human Resources" : $"Projects {i}", created, "Documents", "Archive");
        }

        for (int i = 0; i < spec.Teams; i++)
        {
            tenant.AddTeam(i == 0 ? "Customer Care" : $"Team {i}", created);
        }

        var readable = users.Where(u => u.MailboxKind is MailboxKind.User or MailboxKind.Shared).ToList();
        for (int i = 0; i < readable.Count; i++)
        {
            FillMailbox(readable[i], spec.Languages[i % spec.Languages.Count], users);
        }

        foreach (var drive in tenant.Drives.Values)
        {
            FillDrive(drive);
        }

        if (readable.Count > 0)
        {
            PlantSubjects(readable);
            PlantRetentionEdges(readable[0]);
        }

        foreach (var user in readable.Where(u => u.MailboxKind == MailboxKind.User || u.MailboxKind == MailboxKind.Shared))
        {
            RecordRetention(user);
        }
    }

    private void FillMailbox(SimUser owner, string language, List<SimUser> everyone)
    {
        var mailbox = owner.Mailbox!;
        var projects = mailbox.AddFolder(mailbox.WellKnown("inbox"), "Projects");
        var old = mailbox.AddFolder(projects, "2019");
        var folders = new[] { "inbox", "inbox", "inbox", "sentitems", "sentitems", "deleteditems", "outbox", "archive" }
            .Select(mailbox.WellKnown).Append(projects).Append(old).ToArray();
        for (int i = 0; i < spec.MessagesPerMailbox; i++)
        {
            var folder = folders[random.Next(folders.Length)];
            var other = everyone[random.Next(everyone.Count)];
            bool sent = folder.WellKnownName is "sentitems" or "outbox";
            var from = sent ? Address(owner) : Address(other);
            var to = sent ? new[] { Address(other) } : new[] { Address(owner) };
            // Spread over 400 days, so every folder has mail on both sides of the six-month line.
            var received = spec.Now.AddMinutes(-random.Next(60, 400 * 24 * 60));
            var modified = folder.WellKnownName == "deleteditems" ? received.AddDays(random.Next(0, 30)) : received;
            if (modified > spec.Now)
            {
                modified = spec.Now;
            }

            var attachments = i % 9 == 4
                ? new[] { new SimAttachment { Id = tenant.Ids.RestId(), Name = "notes.txt", ContentType = "text/plain", Content = Encoding.UTF8.GetBytes(FillerText.Body(random, language)), LastModifiedDateTime = received } }
                : i % 13 == 6
                    ? new[] { new SimAttachment { Id = tenant.Ids.RestId(), Name = "Plan.docx", Kind = AttachmentKind.Reference, SourceUrl = $"https://{tenant.SharePointHost}/sites/hr/Documents/Plan.docx", LastModifiedDateTime = received } }
                    : Array.Empty<SimAttachment>();
            mailbox.Add(NewMessage(tenant, folder, from, to, FillerText.Subject(random, language), FillerText.Body(random, language), null, received, attachments, lastModified: modified));
        }
    }

    private void FillDrive(SimDrive drive)
    {
        var folder = drive.AddFolder(drive.Root, "General", spec.Now.AddYears(-2));
        for (int i = 0; i < spec.FilesPerDrive; i++)
        {
            string language = spec.Languages[i % spec.Languages.Count];
            string text = FillerText.Body(random, language, 5);
            var when = spec.Now.AddDays(-random.Next(1, 900));
            drive.AddFile(i % 2 == 0 ? drive.Root : folder, $"notes-{i}.txt", Encoding.UTF8.GetBytes(text), "text/plain", text, when);
        }
    }

    private void PlantSubjects(List<SimUser> mailboxes)
    {
        var userMailboxes = mailboxes.Where(m => m.MailboxKind == MailboxKind.User).ToList();
        var shared = mailboxes.Where(m => m.MailboxKind == MailboxKind.Shared).DefaultIfEmpty(userMailboxes[0]).ToList();
        var drives = tenant.Drives.Values.ToList();
        foreach (var subject in PlantedPerson.All)
        {
            var person = new SimAddress(subject.Name, subject.Email);
            var when = spec.Now.AddDays(-random.Next(3, 60));
            string id = subject.NationalIdKind;

            // 1. Mail from the person: the address and name are in the headers only.
            var inbox = Pick(userMailboxes);
            PlantMail(subject, inbox, "inbox", person, new[] { Address(inbox) }, "Question about my account", FillerText.Body(random, subject.Language), null, when,
                Array.Empty<SimAttachment>(), "header", "text", "Email", "Name");

            // 2. A colleague writes about the person: phone and national id in the body (HTML and text).
            var sender = Pick(userMailboxes);
            string body = $"{FillerText.Body(random, subject.Language, 1)} Contact: {subject.Phone}. Reference {subject.NationalId}.";
            PlantMail(subject, sender, "sentitems", Address(sender), new[] { Address(Pick(userMailboxes)) }, "Follow-up call", body, $"<p>{body}</p>", when.AddHours(2),
                Array.Empty<SimAttachment>(), "body", "html", "Phone", id);

            // 3. Attachments: a Word letter, a PDF statement and a spreadsheet in a shared mailbox.
            string letter = $"Dear {subject.Name}, your file number is {subject.NationalId}.";
            PlantMail(subject, Pick(userMailboxes), "inbox", new SimAddress("Records Office", $"records@{tenant.Domain}"), new[] { new SimAddress("Archive", $"archive@{tenant.Domain}") },
                "Scanned letter", FillerText.Body(random, subject.Language), null, when.AddHours(3),
                new[] { File("letter.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", TestDocuments.Docx(letter), when) },
                "attachment", "docx", "Name", id);
            PlantMail(subject, Pick(userMailboxes), "inbox", new SimAddress("Billing", $"billing@{tenant.Domain}"), new[] { new SimAddress("Archive", $"archive@{tenant.Domain}") },
                "Statement", FillerText.Body(random, subject.Language), null, when.AddHours(4),
                new[] { File("statement.pdf", "application/pdf", TestDocuments.Pdf($"Statement for {subject.Name}", $"Phone {subject.Phone}"), when) },
                "attachment", "pdf", "Name", "Phone");
            PlantMail(subject, Pick(shared), "inbox", new SimAddress("Payroll", $"payroll@{tenant.Domain}"), new[] { Address(shared[0]) },
                "Payroll export", FillerText.Body(random, subject.Language), null, when.AddHours(5),
                new[] { File("export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", TestDocuments.Xlsx(subject.Email, subject.Name, 42), when) },
                "attachment", "xlsx", "Email", "Name");

            // 4. A forwarded message attached as an item: the person is inside the attached message only.
            var forwarded = TestDocuments.Eml(subject.Email, "Original complaint", $"Signed, {subject.Name}");
            PlantMail(subject, Pick(userMailboxes), "deleteditems", new SimAddress("Helpdesk", $"helpdesk@{tenant.Domain}"), new[] { new SimAddress("Quality", $"quality@{tenant.Domain}") },
                "FW: complaint", FillerText.Body(random, subject.Language), null, when.AddHours(6),
                new[] { new SimAttachment { Id = tenant.Ids.RestId(), Name = "Original complaint", Kind = AttachmentKind.Item, ContentType = "message/rfc822", Content = forwarded, LastModifiedDateTime = when } },
                "attachment", "eml", "Email", "Name");

            // 5. Files: a Word document in a OneDrive, a CSV in a site library, a text note in a Teams drive.
            PlantFile(subject, drives.First(d => d.DriveType == "personal"), "HR", "contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                TestDocuments.Docx($"Employment contract for {subject.Name}, {subject.NationalIdKind} {subject.NationalId}."), $"contract {subject.Name} {subject.NationalId}", "docx", "Name", id);
            var library = tenant.Sites.Count > 0 ? tenant.Sites[0].Drives[0] : drives[0];
            string csv = $"name,email,phone\r\n{subject.Name},{subject.Email},{subject.Phone}\r\nJan Jansen,jan@example.org,+31 20 000 0000\r\n";
            PlantFile(subject, library, "Exports", $"customers-{subject.Key}.csv", "text/csv", Encoding.UTF8.GetBytes(csv), csv, "csv", "Name", "Email", "Phone");
            var team = tenant.Groups.Count > 0 ? tenant.Groups[0].Drive! : drives[^1];
            string note = $"Call notes: {subject.Name} phoned from {subject.Phone} about the order.";
            PlantFile(subject, team, "Notes", $"call-{subject.Key}.txt", "text/plain", Encoding.UTF8.GetBytes(note), note, "text", "Name", "Phone");

            PlantDecoy(subject, Pick(userMailboxes), when);
        }
    }

    /// <summary>A message a search index matches (a shared first name, a similar surname) that is not about the person.</summary>
    private void PlantDecoy(PlantedPerson subject, SimUser owner, DateTimeOffset when)
    {
        string first = subject.Name.Split(' ')[0];
        string body = $"{first} Andersen-Smythe will cover the front desk. {FillerText.Body(random, subject.Language, 1)}";
        var message = owner.Mailbox!.Add(NewMessage(tenant, owner.Mailbox.WellKnown("inbox"), new SimAddress("Front Desk", $"frontdesk@{tenant.Domain}"), new[] { Address(owner) },
            $"Cover for {first}", body, null, when.AddHours(7), Array.Empty<SimAttachment>()));
        truth.Decoys.Add(new PlantedItem
        {
            Subject = subject.Key, Source = "mail", Container = owner.UserPrincipalName, Folder = "inbox", ItemId = message.ImmutableId,
            InternetMessageId = message.InternetMessageId, Location = "body", Format = "text", Identifiers = Array.Empty<string>(),
        });
    }

    private void PlantMail(PlantedPerson subject, SimUser owner, string folder, SimAddress from, IReadOnlyList<SimAddress> to, string title, string body, string? html,
        DateTimeOffset when, IReadOnlyList<SimAttachment> attachments, string location, string format, params string[] identifiers)
    {
        var mailbox = owner.Mailbox!;
        var message = mailbox.Add(NewMessage(tenant, mailbox.WellKnown(folder), from, to, title, body, html, when, attachments));
        truth.Items.Add(new PlantedItem
        {
            Subject = subject.Key, Source = "mail", Container = owner.UserPrincipalName, Folder = folder, ItemId = message.ImmutableId,
            InternetMessageId = message.InternetMessageId, Location = location, Format = format, Identifiers = identifiers,
        });
    }

    private void PlantFile(PlantedPerson subject, SimDrive drive, string folderName, string name, string mimeType, byte[] content, string indexed, string format, params string[] identifiers)
    {
        var folder = drive.FindByPath(folderName) ?? drive.AddFolder(drive.Root, folderName, spec.Now.AddDays(-90));
        var item = drive.AddFile(folder, name, content, mimeType, indexed, spec.Now.AddDays(-random.Next(1, 80)));
        truth.Items.Add(new PlantedItem
        {
            Subject = subject.Key, Source = "file", Container = drive.Id, Folder = folderName, ItemId = item.Id, Location = "content", Format = format, Identifiers = identifiers,
        });
    }

    /// <summary>Messages one minute either side of the cutoff, stamped in time zones east and west of UTC.</summary>
    private void PlantRetentionEdges(SimUser owner)
    {
        var cutoff = truth.RetentionCutoff;
        var mailbox = owner.Mailbox!;
        var offsets = new[] { TimeSpan.FromHours(5.5), TimeSpan.FromHours(-8) };
        foreach (string folder in RetentionFolders)
        {
            foreach (var offset in offsets)
            {
                foreach (int minutes in new[] { -1, 1 })
                {
                    var at = cutoff.AddMinutes(minutes).ToOffset(offset);
                    var message = NewMessage(tenant, mailbox.WellKnown(folder), Address(owner), new[] { Address(owner) }, "Edge " + minutes.ToString("+0;-0", CultureInfo.InvariantCulture),
                        "Retention edge.", null, at, Array.Empty<SimAttachment>(), lastModified: at);
                    // The date that counts in Sent Items and Outbox is the sent date: put it on the same edge.
                    mailbox.Add(folder is "sentitems" or "outbox" ? WithSent(message, at) : message);
                }
            }
        }
    }

    private static SimMessage WithSent(SimMessage message, DateTimeOffset sent) => new()
    {
        ImmutableId = message.ImmutableId, RestId = message.RestId, FolderId = message.FolderId, Subject = message.Subject, BodyText = message.BodyText,
        From = message.From, To = message.To, ReceivedDateTime = sent.AddSeconds(20), SentDateTime = sent, CreatedDateTime = sent,
        LastModifiedDateTime = sent, InternetMessageId = message.InternetMessageId, ConversationId = message.ConversationId, ChangeKey = message.ChangeKey,
    };

    private void RecordRetention(SimUser user)
    {
        var mailbox = user.Mailbox!;
        // A deleted contact and a deleted meeting: items in Deleted Items that are not messages (totalItemCount only).
        mailbox.WellKnown("deleteditems").OtherItems = 2;
        foreach (string name in RetentionFolders)
        {
            var folder = mailbox.WellKnown(name);
            var messages = mailbox.Messages.Values.Where(m => m.FolderId == folder.Id).ToList();
            var old = messages.Where(m => RetentionDate(name, m) < truth.RetentionCutoff).ToList();
            truth.Retention.Add(new RetentionFact(user.UserPrincipalName, name, messages.Count + folder.OtherItems, messages.Count, old.Count, old.Sum(m => m.Size)));
        }
    }

    /// <summary>Received for Inbox, sent for Sent Items and Outbox, last modified (about when deleted) for Deleted Items.</summary>
    public static DateTimeOffset RetentionDate(string folder, SimMessage message) => folder switch
    {
        "sentitems" or "outbox" => message.SentDateTime,
        "deleteditems" => message.LastModifiedDateTime,
        _ => message.ReceivedDateTime,
    };

    private SimAttachment File(string name, string type, byte[] content, DateTimeOffset when) =>
        new() { Id = tenant.Ids.RestId(), Name = name, ContentType = type, Content = content, LastModifiedDateTime = when };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static SimAddress Address(SimUser user) => new(user.DisplayName, user.Mail ?? user.UserPrincipalName);
}
