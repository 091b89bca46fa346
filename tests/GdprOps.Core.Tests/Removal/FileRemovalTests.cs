using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DocumentFormat.OpenXml.Packaging;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;
using GdprOps.Tests.Shared;
using Xunit;
using A = DocumentFormat.OpenXml.Drawing;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace GdprOps.Tests.Removal;

public sealed class FileRemovalTests
{
    private static readonly SubjectProfile Subject = new SubjectProfileBuilder { CaseId = "DSAR-7" }
        .AddNames(new[] { "Søren Aabye Østergaard" }).AddEmails(new[] { "soeren.oestergaard@nordlys.example" }).Build();

    private static async Task<List<Finding>> Sweep(string root)
    {
        var host = new RecordingHost();
        await new PersonalDataSweep(new SweepOptions(Subject, new[] { new FileSystemSource(root, new FileSystemSourceOptions()) }), host).RunAsync(CancellationToken.None);
        return host.Findings.ToList();
    }

    private static async Task<(List<RemovalResult> Results, RecordingHost Host)> Remove(IEnumerable<Finding> findings, RemovalMode mode, string audit, CancellationToken cancellationToken = default)
    {
        var host = new RecordingHost();
        var results = await new SubjectRemover(new RemovalOptions(Subject) { Mode = mode, AuditLog = new AuditLog(audit), IncludeLowConfidence = true }, new SourceItemRemover(null), host).RunAsync(findings.ToList(), cancellationToken);
        return (results.ToList(), host);
    }

    /// <summary>
    /// A row (from an older report, or written by hand) names a file whose first 32,768-character chunk ends after
    /// "soeren.oestergaard@nordlys.example" of someone else's "soeren.oestergaard@nordlys.example.other.org". The
    /// check before deleting reads the file again in the same chunks: it must find no match, and the file stays.
    /// </summary>
    [Fact]
    public async Task Delete_leaves_a_file_that_only_a_chunk_cut_seemed_to_name()
    {
        const string Address = "soeren.oestergaard@nordlys.example";
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string cut = dir.File("share/cut.txt", new string(' ', GdprOps.Extraction.ChunkingTextSink.DefaultChunkChars - Address.Length) + Address + ".other.org wrote.\n" + new string(' ', 2000));
        Assert.Empty(await Sweep(share));
        var row = new Finding
        {
            SourceKind = SourceKind.FileShare, Source = share, ItemId = "cut.txt", ItemName = "cut.txt", ItemUri = cut,
            Version = FileSystemSource.VersionOf(new FileInfo(cut)), Status = ScanStatus.Scanned, SubjectMatches = "Email", CaseId = "DSAR-7",
        };

        var (results, _) = await Remove(new[] { row }, RemovalMode.Delete, Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(RemovalOutcome.SkippedNoLongerMatches, Assert.Single(results).Outcome);
        Assert.True(File.Exists(cut));
    }

    [Fact]
    public async Task Delete_removes_verified_items_once_and_skips_changed_and_foreign_ones()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        dir.File("share/a.txt", "Note about Søren Aabye Østergaard.");
        dir.File("share/b.txt", "Mail soeren.oestergaard@nordlys.example about the invoice.");
        string other = dir.File("share/other.txt", "Lunch with Jan Jansen.");
        string audit = Path.Combine(dir.Path, "audit.log");
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        // b.txt changes after the sweep; a forged row points at someone else's file with its real version.
        File.AppendAllText(Path.Combine(share, "b.txt"), " Updated.");
        var forged = new Finding
        {
            SourceKind = SourceKind.FileShare, Source = share, ItemId = "other.txt", ItemName = "other.txt", ItemUri = other,
            Version = FileSystemSource.VersionOf(new FileInfo(other)), Status = ScanStatus.Scanned, SubjectMatches = "Name", CaseId = "DSAR-7",
        };

        var (results, host) = await Remove(findings.Append(forged), RemovalMode.Delete, audit);
        Assert.Equal(RemovalOutcome.Removed, results.Single(r => r.ItemId == "a.txt").Outcome);
        Assert.Equal(RemovalOutcome.SkippedChanged, results.Single(r => r.ItemId == "b.txt").Outcome);
        Assert.Equal(RemovalOutcome.SkippedNoLongerMatches, results.Single(r => r.ItemId == "other.txt").Outcome);
        Assert.False(File.Exists(Path.Combine(share, "a.txt")));
        Assert.True(File.Exists(Path.Combine(share, "b.txt")));
        Assert.True(File.Exists(other));

        var (again, _) = await Remove(findings.Where(f => f.ItemId == "a.txt"), RemovalMode.Delete, audit);
        Assert.Equal(RemovalOutcome.AlreadyGone, Assert.Single(again).Outcome);

        var log = new AuditLog(audit);
        Assert.True(log.Verify().Valid);
        var lines = log.Read();
        Assert.Equal(4, lines.Count(r => r.Action == "Removal" && r.Outcome != RemovalOutcome.Intended));
        Assert.Equal(2, lines.Count(r => r.Action == "RemovalStarted"));
        // The one item acted on was announced before it went, and its outcome followed.
        var intent = Assert.Single(lines, r => r.Outcome == RemovalOutcome.Intended);
        var removed = Assert.Single(lines, r => r.Outcome == RemovalOutcome.Removed);
        Assert.Equal(intent.Scope, removed.Scope);
        Assert.True(intent.Sequence < removed.Sequence);
        string text = File.ReadAllText(audit);
        Assert.DoesNotContain("a.txt", text, StringComparison.Ordinal);
        Assert.DoesNotContain("oestergaard", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("oestergaard", host.AllText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Redact_keeps_every_other_row_byte_for_byte()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string csvPath = dir.File("share/customers.csv", "name,email,city\r\nJan Jansen,jan@example.org,Utrecht\r\nSøren Aabye Østergaard,soeren.oestergaard@nordlys.example,Aarhus\r\nAnna Berg,anna@example.org,Oslo\r\n");
        byte[] before = File.ReadAllBytes(csvPath);
        var findings = await Sweep(share);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));
        var result = Assert.Single(results);
        Assert.Equal(RemovalOutcome.Redacted, result.Outcome);
        string[] lines = File.ReadAllText(csvPath).Split("\r\n");
        string[] old = System.Text.Encoding.UTF8.GetString(before).Split("\r\n");
        Assert.Equal(old[0], lines[0]);
        Assert.Equal(old[1], lines[1]);
        Assert.Equal("[REDACTED],[REDACTED],Aarhus", lines[2]);
        Assert.Equal(old[3], lines[3]);
        Assert.Empty(await Sweep(share));
    }

    [Fact]
    public async Task Redact_keeps_the_cells_of_a_row_whose_name_stands_in_two_of_them()
    {
        // An export keeps first and last name in columns of their own. Found only since names match across a row's cells;
        // one marker for "Søren;Østergaard" would have joined two cells and shifted the row's department under "achternaam".
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string plain = dir.File("share/staff.csv", "id;voornaam;achternaam;afdeling\n1;Jan;Jansen;HR\n2;Søren;Østergaard;Logistik\n3;Anna;Berg;IT\n");
        string quoted = dir.File("share/export.csv", "\"id\",\"last\",\"first\",\"dept\"\n\"1\",\"Jansen\",\"Jan\",\"HR\"\n\"2\",\"Østergaard\",\"Søren\",\"Logistik\"\n");
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        Assert.All(results, r => Assert.Equal(RemovalOutcome.Redacted, r.Outcome));
        Assert.Equal("id;voornaam;achternaam;afdeling\n1;Jan;Jansen;HR\n2;[REDACTED];[REDACTED];Logistik\n3;Anna;Berg;IT\n", File.ReadAllText(plain));
        Assert.Equal("\"id\",\"last\",\"first\",\"dept\"\n\"1\",\"Jansen\",\"Jan\",\"HR\"\n\"2\",\"[REDACTED]\",\"[REDACTED]\",\"Logistik\"\n", File.ReadAllText(quoted));
        Assert.Empty(await Sweep(share));
    }

    /// <summary>
    /// JSON as .NET's System.Text.Json writes it by default: every letter outside ASCII escaped ("S\u00F8ren"). The sweep read
    /// the escapes as written and never found the person; the redactor must match the same text and cut it where it is
    /// written, leaving the keys and valid JSON.
    /// </summary>
    [Fact]
    public async Task Redact_cuts_an_escaped_name_and_a_name_in_two_fields_from_json_and_keeps_its_keys()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        var people = new object[]
        {
            new { id = 1, name = "Jens Holm", note = "Ringer tilbage" },
            new { id = 2, name = "Søren Aabye Østergaard", note = "Kære\nSøren Østergaard, tak" },
        };
        string escaped = dir.File("share/people.json", System.Text.Json.JsonSerializer.Serialize(people));
        Assert.Contains("\\u00F8", File.ReadAllText(escaped), StringComparison.Ordinal);
        string fields = dir.File("share/staff.json", System.Text.Json.JsonSerializer.Serialize(new[]
        {
            new { firstName = "Jens", lastName = "Holm", dept = "IT" },
            new { firstName = "Søren", lastName = "Østergaard", dept = "Lager" },
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        Assert.All(results, r => Assert.Equal(RemovalOutcome.Redacted, r.Outcome));
        using (var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(escaped)))
        {
            var rows = document.RootElement.EnumerateArray().ToList();
            Assert.Equal(("Jens Holm", "Ringer tilbage"), (rows[0].GetProperty("name").GetString(), rows[0].GetProperty("note").GetString()));
            Assert.Equal(("[REDACTED]", "Kære\n[REDACTED], tak"), (rows[1].GetProperty("name").GetString(), rows[1].GetProperty("note").GetString()));
        }

        using (var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(fields)))
        {
            var rows = document.RootElement.EnumerateArray().Select(r => (r.GetProperty("firstName").GetString()!, r.GetProperty("lastName").GetString()!, r.GetProperty("dept").GetString()!)).ToList();
            Assert.Equal(new[] { ("Jens", "Holm", "IT"), ("[REDACTED]", "[REDACTED]", "Lager") }, rows);
        }

        Assert.Empty(await Sweep(share));
    }

    /// <summary>XML written in ASCII escapes every other letter as a character reference ("S&amp;#xF8;ren"): found, and redacted where written.</summary>
    [Fact]
    public async Task Redact_cuts_a_name_written_with_character_references_from_xml()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        Directory.CreateDirectory(share);
        string path = Path.Combine(share, "staff.xml");
        using (var writer = System.Xml.XmlWriter.Create(path, new System.Xml.XmlWriterSettings { Encoding = System.Text.Encoding.ASCII }))
        {
            new System.Xml.Linq.XElement("Staff",
                new System.Xml.Linq.XElement("Person", new System.Xml.Linq.XElement("Name", "Jens Holm"), new System.Xml.Linq.XElement("Note", "Ringer tilbage")),
                new System.Xml.Linq.XElement("Person", new System.Xml.Linq.XElement("Name", "Søren Aabye Østergaard"), new System.Xml.Linq.XElement("Note", "Ny adresse; flyttet"))).WriteTo(writer);
        }

        Assert.Contains("&#xF8;", File.ReadAllText(path), StringComparison.Ordinal);
        await RedactionLeavesNoMention(dir, share);
        Assert.Equal(new[] { "Jens Holm|Ringer tilbage", "[REDACTED]|Ny adresse; flyttet" }, XmlPeople(path, "Name", "Note"));
    }

    [Fact]
    public async Task Redact_cuts_a_name_written_into_a_url_from_a_log()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string log = dir.File("share/access.log", "10.0.0.7 - - [02/Dec/2026:10:00:00] \"GET /search?q=S%C3%B8ren+%C3%98stergaard&page=2 HTTP/1.1\" 200\n"
            + "10.0.0.8 - - [02/Dec/2026:10:00:01] \"GET /search?q=Jens+Holm HTTP/1.1\" 200\n");

        await RedactionLeavesNoMention(dir, share);
        Assert.Equal("10.0.0.7 - - [02/Dec/2026:10:00:00] \"GET /search?q=[REDACTED]&page=2 HTTP/1.1\" 200\n"
            + "10.0.0.8 - - [02/Dec/2026:10:00:01] \"GET /search?q=Jens+Holm HTTP/1.1\" 200\n", File.ReadAllText(log));
    }

    [Fact]
    public async Task Redact_cuts_a_name_from_two_xml_elements_and_keeps_the_tags()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string path = dir.File("share/hr.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Staff>\n  <Person id=\"1\">\n    <FirstName>Jens</FirstName>\n    <LastName>Holm</LastName>\n  </Person>\n"
            + "  <Person id=\"2\">\n    <FirstName>Søren</FirstName>\n    <LastName>Østergaard</LastName>\n  </Person>\n</Staff>\n");

        await RedactionLeavesNoMention(dir, share);
        Assert.Equal(new[] { "Jens|Holm", "[REDACTED]|[REDACTED]" }, XmlPeople(path, "FirstName", "LastName"));
    }

    /// <summary>Each Person element of the XML file at <paramref name="path"/> as its two named children's text, "first|second".</summary>
    private static List<string> XmlPeople(string path, string first, string second) =>
        System.Xml.Linq.XDocument.Load(path).Root!.Elements("Person").Select(p => (string)p.Element(first)! + "|" + (string)p.Element(second)!).ToList();

    /// <summary>
    /// HR keeps a folder per employee: a scanned payslip in "Personale/Søren Østergaard/" says nothing of him but where it is
    /// filed. The sweep finds it by its folder; Delete removes it; Redact cannot change a folder and says so instead of
    /// passing it over, and a redacted item whose folder still names him is reported partly redacted.
    /// </summary>
    [Fact]
    public async Task Items_in_the_subjects_folder_are_found_deleted_and_never_reported_redacted_whole()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string payslip = dir.File("share/Personale/Søren Østergaard/loenseddel-2026-11.txt", "Lønseddel november 2026. Udbetalt: 31.250,00 kr.");
        string note = dir.File("share/Personale/Soeren_Oestergaard/note.txt", "Samtale med Søren Østergaard om orlov.");
        string contract = dir.File("share/Personale/Soeren_Oestergaard/kontrakt.txt", "Ansættelseskontrakt");
        dir.File("share/Personale/Mette Holm/loenseddel-2026-11.txt", "Lønseddel november 2026.");
        var findings = await Sweep(share);
        Assert.Equal(new[] { "kontrakt.txt", "loenseddel-2026-11.txt", "note.txt" }, findings.Select(f => f.ItemName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("Folder", findings.Single(f => f.ItemUri == payslip).Where);
        Assert.Equal("Folder;Body", findings.Single(f => f.ItemUri == note).Where);

        var (redacted, _) = await Remove(findings.Where(f => f.ItemUri != contract), RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        var byItem = redacted.ToDictionary(r => r.ItemUri, StringComparer.Ordinal);
        Assert.Equal(RemovalOutcome.Failed, byItem[payslip].Outcome);
        Assert.Contains("folder", byItem[payslip].Detail, StringComparison.Ordinal);
        Assert.Equal("Lønseddel november 2026. Udbetalt: 31.250,00 kr.", File.ReadAllText(payslip));
        Assert.Equal(RemovalOutcome.RedactedPartially, byItem[note].Outcome);
        Assert.Contains("folder still names the subject", byItem[note].Detail, StringComparison.Ordinal);
        Assert.Equal("Samtale med [REDACTED] om orlov.", File.ReadAllText(note));

        var (deleted, _) = await Remove(findings.Where(f => f.ItemUri == contract), RemovalMode.Delete, Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(RemovalOutcome.Removed, deleted.Single().Outcome);
        Assert.False(File.Exists(contract));
    }

    [Fact]
    public async Task Redact_cuts_a_name_from_the_two_cells_of_a_worksheet_row_it_stands_in()
    {
        // The sweep reads a row as tab-separated cells and finds "Søren" | "Østergaard"; the redactor matched cell by cell and
        // replaced nothing, and the item was Failed. The shared "Søren" is also another employee's first name: it must stay his.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "staff.xlsx");
        using (var stream = new MemoryStream())
        {
            using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
            {
                var workbook = document.AddWorkbookPart();
                workbook.Workbook = new S.Workbook();
                var strings = workbook.AddNewPart<SharedStringTablePart>();
                strings.SharedStringTable = new S.SharedStringTable(new S.SharedStringItem(new S.Text("Søren")), new S.SharedStringItem(new S.Text("Østergaard")));
                var sheet = workbook.AddNewPart<WorksheetPart>();
                sheet.Worksheet = new S.Worksheet(new S.SheetData(
                    new S.Row(Shared("A1", 0), Shared("B1", 1), Inline("C1", "Logistik")) { RowIndex = 1 },
                    new S.Row(Shared("A2", 0), Inline("B2", "Bøgh"), Inline("C2", "IT")) { RowIndex = 2 }));
                workbook.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Ark1" }));
            }

            File.WriteAllBytes(path, stream.ToArray());
        }

        await RedactionLeavesNoMention(dir, share);
        using var redacted = SpreadsheetDocument.Open(path, false);
        var rows = redacted.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<S.Row>().ToList();
        Assert.Equal(new[] { "[REDACTED]", "[REDACTED]", "Logistik" }, rows[0].Elements<S.Cell>().Select(c => c.InlineString!.InnerText));
        var other = rows[1].Elements<S.Cell>().First();
        Assert.Equal(S.CellValues.SharedString, other.DataType!.Value);
        Assert.Equal("Søren", redacted.WorkbookPart.SharedStringTablePart!.SharedStringTable.Elements<S.SharedStringItem>().ElementAt(int.Parse(other.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText);

        static S.Cell Shared(string reference, int index) => new() { CellReference = reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        static S.Cell Inline(string reference, string text) => new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };
    }

    [Fact]
    public async Task Redact_cuts_a_name_from_the_cells_of_a_word_table_row()
    {
        // A staff list in Word: first and last name in columns of their own. The sweep reads the row as tab-separated cells
        // and finds the person; the redactor went paragraph by paragraph, replaced nothing, and the item was Failed.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "staff.docx");
        var table = new W.Table(
            new W.TableGrid(new W.GridColumn(), new W.GridColumn(), new W.GridColumn()),
            Row("Fornavn", "Efternavn", "Afdeling"),
            Row("Jens", "Holm", "IT"),
            Row("Søren", "Østergaard", "Logistik"));
        File.WriteAllBytes(path, GdprOps.Testing.TestDocuments.WordBody(table));

        await RedactionLeavesNoMention(dir, share);
        using var document = WordprocessingDocument.Open(path, false);
        var rows = document.MainDocumentPart!.Document.Body!.Descendants<W.TableRow>().Select(r => string.Join("|", r.Elements<W.TableCell>().Select(c => c.InnerText))).ToList();
        Assert.Equal(new[] { "Fornavn|Efternavn|Afdeling", "Jens|Holm|IT", "[REDACTED]||Logistik" }, rows);

        static W.TableRow Row(params string[] cells) =>
            new(cells.Select(text => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(text))))));
    }

    [Fact]
    public async Task Redact_cuts_a_name_from_the_cells_of_a_slide_table_row()
    {
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "team.pptx");
        var table = new A.Table(
            new A.TableGrid(new A.GridColumn { Width = 1000 }, new A.GridColumn { Width = 1000 }, new A.GridColumn { Width = 1000 }),
            Row("Fornavn", "Efternavn", "Rolle"),
            Row("Søren", "Østergaard", "Lager"));
        using (var stream = new MemoryStream())
        {
            using (var document = PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation))
            {
                var presentation = document.AddPresentationPart();
                presentation.Presentation = new DocumentFormat.OpenXml.Presentation.Presentation();
                var slide = presentation.AddNewPart<SlidePart>();
                slide.Slide = new DocumentFormat.OpenXml.Presentation.Slide(new DocumentFormat.OpenXml.Presentation.CommonSlideData(new DocumentFormat.OpenXml.Presentation.ShapeTree(
                    new DocumentFormat.OpenXml.Presentation.GraphicFrame(new A.Graphic(new A.GraphicData(table) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/table" })))));
            }

            File.WriteAllBytes(path, stream.ToArray());
        }

        await RedactionLeavesNoMention(dir, share);
        using var redacted = PresentationDocument.Open(path, false);
        var rows = redacted.PresentationPart!.SlideParts.Single().Slide.Descendants<A.TableRow>().Select(r => string.Join("|", r.Elements<A.TableCell>().Select(c => c.InnerText))).ToList();
        Assert.Equal(new[] { "Fornavn|Efternavn|Rolle", "[REDACTED]||Lager" }, rows);

        static A.TableRow Row(params string[] cells) =>
            new(cells.Select(text => new A.TableCell(new A.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))), new A.TableCellProperties()))) { Height = 370840 };
    }

    [Fact]
    public async Task Redact_removes_the_short_forms_of_the_name_and_says_when_the_surname_is_left_near_an_identifier()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        string clean = dir.File("share/note.txt", "Søren Aabye Østergaard wrote in. Hr. Østergaard asked for a copy; S. Østergaard and S.A. Østergaard signed. Mrs Jansen agreed.");
        string partial = dir.File("share/case.txt", "Case of Søren Aabye Østergaard, soeren.oestergaard@nordlys.example.\nLater: Østergaard can be reached on +45 20 12 34 56.");
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        var note = results.Single(r => r.ItemId == "note.txt");
        Assert.Equal(RemovalOutcome.Redacted, note.Outcome);
        Assert.StartsWith("4 occurrence(s)", note.Detail, StringComparison.Ordinal);
        Assert.Equal("[REDACTED] wrote in. Hr. [REDACTED] asked for a copy; [REDACTED] and [REDACTED] signed. Mrs Jansen agreed.", File.ReadAllText(clean));
        var @case = results.Single(r => r.ItemId == "case.txt");
        Assert.Equal(RemovalOutcome.RedactedPartially, @case.Outcome);
        Assert.Contains("surname still stands alone 1 time(s)", @case.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("soeren", File.ReadAllText(partial), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_rewrites_word_and_excel_text_and_keeps_everything_else()
    {
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string docxPath = Path.Combine(share, "letter.docx");
        using (var stream = new MemoryStream())
        {
            using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
            {
                var main = document.AddMainDocumentPart();
                // The name is split over two runs, as Word often stores it.
                main.Document = new W.Document(new W.Body(
                    new W.Paragraph(new W.Run(new W.Text("Dear Søren Aabye ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }), new W.Run(new W.Text("Østergaard, welcome."))),
                    new W.Paragraph(new W.Run(new W.Text("Your advisor is Jan Jansen.")))));
                document.PackageProperties.Creator = "Søren Aabye Østergaard";
            }

            File.WriteAllBytes(docxPath, stream.ToArray());
        }

        string xlsxPath = Path.Combine(share, "register.xlsx");
        File.WriteAllBytes(xlsxPath, GdprOps.Testing.TestDocuments.Xlsx("soeren.oestergaard@nordlys.example", "Jan Jansen, Utrecht", 42));
        File.WriteAllBytes(Path.Combine(share, "scan.pdf"), GdprOps.Testing.TestDocuments.Pdf("Søren Aabye Østergaard"));
        var findings = await Sweep(share);
        Assert.Equal(3, findings.Count);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));
        Assert.Equal(RemovalOutcome.Redacted, results.Single(r => r.ItemId == "letter.docx").Outcome);
        Assert.Equal(RemovalOutcome.Redacted, results.Single(r => r.ItemId == "register.xlsx").Outcome);
        var pdf = results.Single(r => r.ItemId == "scan.pdf");
        Assert.Equal(RemovalOutcome.Failed, pdf.Outcome);
        Assert.Contains("Delete", pdf.Detail, StringComparison.Ordinal);

        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docxPath, false))
        {
            var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Equal("Dear [REDACTED], welcome.", paragraphs[0]);
            Assert.Equal("Your advisor is Jan Jansen.", paragraphs[1]);
            Assert.Equal("[REDACTED]", document.PackageProperties.Creator);
        }

        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(xlsxPath, false))
        {
            var strings = workbook.WorkbookPart!.SharedStringTablePart!.SharedStringTable.InnerText;
            Assert.Equal("[REDACTED]", strings);
            var cells = workbook.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
            Assert.Equal("Jan Jansen, Utrecht", cells[1].InlineString!.InnerText);
            Assert.Equal("42", cells[2].CellValue!.Text);
        }

        Assert.Equal(new[] { "scan.pdf" }, (await Sweep(share)).Select(f => f.ItemId));
    }

    [Fact]
    public async Task Redact_reaches_word_text_deleted_in_tracked_changes_and_hyperlink_targets()
    {
        // The address stands in a tracked deletion nobody accepted and behind a link's display text: both are in the file.
        // Before, neither was read: the letter was reported Redacted while the file still held the address twice.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string docxPath = Path.Combine(share, "tracked.docx");
        File.WriteAllBytes(docxPath, GdprOps.Testing.TestDocuments.WordBody(
            new W.Paragraph(new W.Run(new W.Text("Mail: ") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }),
                new W.DeletedRun(new W.Run(new W.DeletedText("soeren.oestergaard@nordlys.example"))) { Id = "1", Author = "HR" }),
            new W.Paragraph(
                new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Begin }),
                new W.Run(new W.FieldCode(" HYPERLINK \"mailto:soeren.oestergaard@nordlys.example\" ")),
                new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.Separate }),
                new W.Run(new W.Text("write to him")),
                new W.Run(new W.FieldChar { FieldCharType = W.FieldCharValues.End }))));
        await RedactionLeavesNoMention(dir, share);

        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(docxPath, false);
        string xml = document.MainDocumentPart!.Document.OuterXml;
        Assert.DoesNotContain("oestergaard", xml, StringComparison.Ordinal);
        Assert.Contains("write to him", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_reaches_a_name_across_a_line_break_a_formulas_text_and_a_cell_comment()
    {
        // Each was a place the sweep finds the person and the redactor did not look: the letter's name, written over a line
        // break (Shift+Enter), was reported "no longer mentions the subject" while it still did.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        File.WriteAllBytes(Path.Combine(share, "address.docx"), GdprOps.Testing.TestDocuments.WordBody(
            new W.Paragraph(new W.Run(new W.Text("Søren Aabye"), new W.Break(), new W.Text("Østergaard"), new W.Break(), new W.Text("Vestergade 12")))));
        File.WriteAllBytes(Path.Combine(share, "sheet.xlsx"), Workbook(
            new S.Cell { CellReference = "A1", DataType = S.CellValues.String, CellFormula = new S.CellFormula("\"soeren.oestergaard\"&\"@nordlys.example\""), CellValue = new S.CellValue("soeren.oestergaard@nordlys.example") },
            comment: "Ring til Søren Aabye Østergaard"));
        var findings = await Sweep(share);
        Assert.Equal(2, findings.Count);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        Assert.All(results, r => Assert.Equal(RemovalOutcome.Redacted, r.Outcome));
        Assert.Empty(await Sweep(share));
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(Path.Combine(share, "address.docx"), false);
        Assert.Equal("[REDACTED]Vestergade 12", document.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Equal(2, document.MainDocumentPart.Document.Body.Descendants<W.Break>().Count());
    }

    [Fact]
    public async Task Redact_points_a_word_hyperlink_to_the_person_at_the_marker()
    {
        // Word keeps a link's target in the part's relationships, beside the text "write to him".
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "link.docx");
        File.WriteAllBytes(path, GdprOps.Testing.TestDocuments.WordBody("mailto:soeren.oestergaard@nordlys.example",
            new W.Paragraph(new W.Hyperlink(new W.Run(new W.Text("write to him"))) { Id = "link1" })));
        await RedactionLeavesNoMention(dir, share);

        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(path, false);
        var link = document.MainDocumentPart!.HyperlinkRelationships.Single();
        Assert.Equal("link1", link.Id);
        Assert.Equal("mailto:[REDACTED]@invalid", Uri.UnescapeDataString(link.Uri.OriginalString));
        Assert.Equal("write to him", document.MainDocumentPart.Document.Body!.InnerText);
    }

    [Fact]
    public async Task A_mention_the_redactor_cannot_reach_fails_the_item_and_is_never_reported_as_gone()
    {
        // A malformed cell: typed as a shared string, it holds the address itself. The sweep reads it; the redactor replaces
        // nothing. That is no "no longer mentions the subject": the item is Failed and left as it was.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "odd.xlsx");
        File.WriteAllBytes(path, Workbook(new S.Cell { CellReference = "A1", DataType = S.CellValues.SharedString, CellValue = new S.CellValue("soeren.oestergaard@nordlys.example") }));
        var result = await RedactionFailsLeavingTheFile(dir, share, path);

        Assert.Contains("delete it instead", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_reaches_word_charts_smartart_people_properties_simple_fields_and_embedded_workbooks()
    {
        // Each is a place Office keeps the person beside the body: before, the sweep did not read them, and a letter
        // "redacted" still held the address in its comment authors, its chart and the workbook embedded in it.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "letter.docx");
        byte[] embedded = GdprOps.Testing.TestDocuments.Workbook(new[] { new string?[] { "Navn", "Mail" }, new string?[] { "Søren", "soeren.oestergaard@nordlys.example" } });
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(GdprOps.Testing.TestDocuments.WordBody(
            new W.Paragraph(new W.SimpleField(new W.Run(new W.Text("write to him"))) { Instruction = " HYPERLINK \"mailto:soeren.oestergaard@nordlys.example\" " }),
            new W.Paragraph(new W.InsertedRun(new W.Run(new W.Text("added"))) { Id = "1", Author = "soeren.oestergaard@nordlys.example" })), "letter.docx", package =>
        {
            var document = (DocumentFormat.OpenXml.Packaging.WordprocessingDocument)package;
            var main = document.MainDocumentPart!;
            Extraction.OfficePartsTests.Feed(main.AddNewPart<DocumentFormat.OpenXml.Packaging.ChartPart>(), Extraction.OfficePartsTests.Chart("soeren.oestergaard@nordlys.example", "42"));
            Extraction.OfficePartsTests.Feed(main.AddNewPart<DocumentFormat.OpenXml.Packaging.DiagramDataPart>(), Extraction.OfficePartsTests.SmartArt("Søren Aabye", "Østergaard"));
            Extraction.OfficePartsTests.Feed(main.AddNewPart<DocumentFormat.OpenXml.Packaging.WordprocessingPeoplePart>(), Extraction.OfficePartsTests.People("Søren Aabye Østergaard", "S::soeren.oestergaard@nordlys.example::8f1a"));
            Extraction.OfficePartsTests.Feed(document.AddCustomFilePropertiesPart(), Extraction.OfficePartsTests.CustomProperty("Kontakt", "soeren.oestergaard@nordlys.example"));
            main.AddEmbeddedPackagePart(DocumentFormat.OpenXml.Packaging.EmbeddedPackagePartType.Xlsx).FeedData(new MemoryStream(embedded));
        }));
        await RedactionLeavesNoMention(dir, share);

        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(path, false);
        var main = document.MainDocumentPart!;
        Assert.Contains("[REDACTED]", main.Document.Descendants<W.SimpleField>().Single().Instruction!.Value, StringComparison.Ordinal);
        Assert.Contains("write to him", main.Document.InnerText, StringComparison.Ordinal);
        Assert.Equal("[REDACTED]", main.Document.Descendants<W.InsertedRun>().Single().Author!.Value);
        string chart = Text(main.ChartParts.Single());
        Assert.Contains("<a:t>Fravær for Jens </a:t>", chart, StringComparison.Ordinal); // nothing else changes
        Assert.Contains("<c:v>42</c:v>", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("oestergaard", chart, StringComparison.Ordinal);
        Assert.Contains("<a:br />", Text(main.GetPartsOfType<DocumentFormat.OpenXml.Packaging.DiagramDataPart>().Single()).Replace("<a:br/>", "<a:br />"), StringComparison.Ordinal);
        using var inner = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(main.EmbeddedPackageParts.Single().GetStream(), false);
        string cells = inner.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        Assert.Contains("Navn", cells, StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", cells, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_reaches_excel_formula_text_headers_shapes_threaded_comments_persons_and_pivot_caches()
    {
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "register.xlsx");
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(GdprOps.Testing.TestDocuments.Workbook(new[] { new string?[] { "Navn", "Mail" }, new string?[] { "S. Ø.", "Send mail" } }), "register.xlsx", package =>
        {
            var book = ((DocumentFormat.OpenXml.Packaging.SpreadsheetDocument)package).WorkbookPart!;
            var sheet = book.WorksheetParts.First();
            sheet.Worksheet.Descendants<S.Cell>().Last().CellFormula = new S.CellFormula("HYPERLINK(\"mailto:soeren.oestergaard@nordlys.example\",\"Send mail\")");
            sheet.Worksheet.Append(new S.HeaderFooter(new S.OddHeader("&LListe&Rsoeren.oestergaard@nordlys.example")));
            Extraction.OfficePartsTests.Feed(sheet.AddNewPart<DocumentFormat.OpenXml.Packaging.DrawingsPart>(), Extraction.OfficePartsTests.SheetDrawing("Spørg Søren Aabye Østergaard"));
            Extraction.OfficePartsTests.Feed(sheet.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetThreadedCommentsPart>(), Extraction.OfficePartsTests.ThreadedComment("Mail til soeren.oestergaard@nordlys.example sendt"));
            Extraction.OfficePartsTests.Feed(book.AddNewPart<DocumentFormat.OpenXml.Packaging.WorkbookPersonPart>(), Extraction.OfficePartsTests.Persons("Søren Aabye Østergaard", "soeren.oestergaard@nordlys.example"));
            var cache = book.AddNewPart<DocumentFormat.OpenXml.Packaging.PivotTableCacheDefinitionPart>();
            Extraction.OfficePartsTests.Feed(cache, "<pivotCacheDefinition xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>");
            Extraction.OfficePartsTests.Feed(cache.AddNewPart<DocumentFormat.OpenXml.Packaging.PivotTableCacheRecordsPart>(), Extraction.OfficePartsTests.PivotRecords("soeren.oestergaard@nordlys.example", "Aarhus"));
        }));
        await RedactionLeavesNoMention(dir, share);

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var sheet = document.WorkbookPart!.WorksheetParts.First();
        Assert.Null(sheet.Worksheet.Descendants<S.Cell>().Last().CellFormula);
        Assert.Equal("&LListe&R[REDACTED]", sheet.Worksheet.Descendants<S.OddHeader>().Single().Text);
        Assert.Contains("\"Aarhus\"", Text(document.WorkbookPart.PivotTableCacheDefinitionParts.Single().PivotTableCacheRecordsPart!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_rewrites_slides_notes_links_and_comments_and_keeps_the_rest()
    {
        // Before, a presentation could only be deleted: "Redaction is supported for ... DOCX and XLSX files".
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "meeting.pptx");
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(GdprOps.Testing.TestDocuments.PptxParagraph(
            new A.Run(new A.Text("Kvartalstal fra Søren Aabye")), new A.Break(), new A.Run(new A.Text("Østergaard")), new A.Run(new A.Text(" og salg"))), "meeting.pptx", package =>
        {
            var presentation = ((PresentationDocument)package).PresentationPart!;
            var slide = presentation.SlideParts.Single();
            slide.AddHyperlinkRelationship(new Uri("mailto:soeren.oestergaard@nordlys.example"), true, "link1");
            var notes = slide.AddNewPart<NotesSlidePart>();
            Extraction.OfficePartsTests.Feed(notes, "<p:notes xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"" + Extraction.OfficePartsTests.Drawing
                + "\"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>Ring til soeren.oestergaard@</a:t></a:r><a:r><a:t>nordlys.example i morgen</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>");
            Extraction.OfficePartsTests.Feed(presentation.AddNewPart<PowerPointAuthorsPart>(),
                "<p188:authorLst xmlns:p188=\"http://schemas.microsoft.com/office/powerpoint/2018/8/main\"><p188:author id=\"{2}\" name=\"Søren Aabye Østergaard\" initials=\"SØ\" userId=\"soeren.oestergaard@nordlys.example\" providerId=\"AD\"/></p188:authorLst>");
            // A table on the slide: the person in a cell of their own.
            slide.Slide.CommonSlideData!.ShapeTree!.Append(Detection.Discovery.PowerPointTableLabelTests.Frame(Detection.Discovery.PowerPointTableLabelTests.Table(new[]
            {
                new[] { "Navn", "Rolle" }, new[] { "Søren Aabye Østergaard", "Salg" },
            })));
            // The footer every slide shows, put on the layout once.
            Extraction.OfficePartsTests.Feed(slide.AddNewPart<SlideLayoutPart>(), "<p:sldLayout xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" xmlns:a=\"" + Extraction.OfficePartsTests.Drawing
                + "\"><p:cSld><p:spTree><p:sp><p:txBody><a:bodyPr/><a:p><a:r><a:t>Udarbejdet af Søren Aabye Østergaard, salg</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sldLayout>");
        }));

        await RedactionLeavesNoMention(dir, share);

        using var document = PresentationDocument.Open(path, false);
        var redacted = document.PresentationPart!.SlideParts.Single();
        Assert.Equal("Kvartalstal fra [REDACTED] og salg", redacted.Slide.Descendants<DocumentFormat.OpenXml.Presentation.Shape>().Single().InnerText);
        Assert.Single(redacted.Slide.Descendants<A.Break>());
        Assert.Equal("Ring til [REDACTED] i morgen", redacted.NotesSlidePart!.NotesSlide.InnerText);
        Assert.Equal("mailto:[REDACTED]@invalid", Uri.UnescapeDataString(redacted.HyperlinkRelationships.Single().Uri.OriginalString));
        Assert.Equal("Udarbejdet af [REDACTED], salg", redacted.SlideLayoutPart!.SlideLayout.InnerText);
        Assert.Equal(new[] { "Navn", "Rolle", "[REDACTED]", "Salg" }, redacted.Slide.Descendants<A.TableCell>().Select(cell => cell.InnerText));
    }

    [Fact]
    public async Task A_sheet_named_after_the_person_is_found_and_fails_redaction()
    {
        // A workbook with a sheet per employee: the name is the sheet's, not a cell's. Renaming it would break the formulas
        // that refer to it, so the redactor leaves it, and the item is Failed rather than reported Redacted.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "staff.xlsx");
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(Workbook(new S.Cell { CellReference = "A1", DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text("Ferie 2026")) }), "staff.xlsx", package =>
            ((SpreadsheetDocument)package).WorkbookPart!.Workbook.Descendants<S.Sheet>().Single().Name = "Søren Aabye Østergaard"));

        var result = await RedactionFailsLeavingTheFile(dir, share, path);

        Assert.Contains("delete it instead", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_in_an_embedded_file_the_redactor_cannot_open_fails_the_item()
    {
        // A text file inserted into a letter as an OLE object: the sweep reads it, the redactor does not rewrite OLE objects.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "letter.docx");
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(GdprOps.Testing.TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("See the slides")))), "letter.docx", package =>
            ((DocumentFormat.OpenXml.Packaging.WordprocessingDocument)package).MainDocumentPart!.AddEmbeddedObjectPart("application/vnd.openxmlformats-officedocument.oleObject")
                .FeedData(new MemoryStream(PackagedText("Contact soeren.oestergaard@nordlys.example")))));
        await RedactionFailsLeavingTheFile(dir, share, path);
    }

    [Fact]
    public async Task A_document_with_a_part_that_cannot_be_read_is_not_rewritten()
    {
        // The sweep finds the person in the body and says the chart could not be read: what the chart holds is unknown, so a
        // redaction that rewrote the body would be no erasure record to trust.
        using var dir = new TempFolder();
        string share = NewShare(dir);
        string path = Path.Combine(share, "letter.docx");
        File.WriteAllBytes(path, Extraction.OfficePartsTests.Edit(GdprOps.Testing.TestDocuments.WordBody(new W.Paragraph(new W.Run(new W.Text("Mail soeren.oestergaard@nordlys.example")))), "letter.docx", package =>
            Extraction.OfficePartsTests.Feed(((WordprocessingDocument)package).MainDocumentPart!.AddNewPart<ChartPart>(), "<c:chartSpace xmlns:c=\"urn:c\"><c:v>broken")));
        var result = await RedactionFailsLeavingTheFile(dir, share, path);

        Assert.Contains("delete the item instead", result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("oestergaard", result.Detail, StringComparison.Ordinal);
    }

    /// <summary>An OLE object (Packager) wrapping a text file of <paramref name="text"/>.</summary>
    private static byte[] PackagedText(string text)
    {
        var ole = new GdprOps.Testing.CompoundFileBuilder();
        ole.Root.AddStream("\u0001Ole10Native", Extraction.OfficePartsTests.Ole10Native("note.txt", System.Text.Encoding.UTF8.GetBytes(text)));
        return ole.Build();
    }

    private static string Text(DocumentFormat.OpenXml.Packaging.OpenXmlPart part)
    {
        using var reader = new StreamReader(part.GetStream());
        return reader.ReadToEnd();
    }

    /// <summary>An empty share folder "share" in <paramref name="dir"/>.</summary>
    private static string NewShare(TempFolder dir) => Directory.CreateDirectory(Path.Combine(dir.Path, "share")).FullName;

    /// <summary>Sweeps <paramref name="share"/> (one finding), redacts it, and checks that the item failed and is the same file byte for byte.</summary>
    private static async Task<RemovalResult> RedactionFailsLeavingTheFile(TempFolder dir, string share, string path)
    {
        byte[] before = File.ReadAllBytes(path);
        var findings = await Sweep(share);
        Assert.Single(findings);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        var result = results.Single();
        Assert.Equal(RemovalOutcome.Failed, result.Outcome);
        Assert.Equal(before, File.ReadAllBytes(path));
        return result;
    }

    /// <summary>Sweeps <paramref name="share"/> (one finding), redacts it, and checks that it is Redacted and a new sweep finds nothing.</summary>
    private static async Task RedactionLeavesNoMention(TempFolder dir, string share)
    {
        var findings = await Sweep(share);
        Assert.Single(findings);

        var (results, _) = await Remove(findings, RemovalMode.Redact, Path.Combine(dir.Path, "audit.log"));

        Assert.Equal(RemovalOutcome.Redacted, results.Single().Outcome);
        Assert.Empty(await Sweep(share));
    }

    /// <summary>A workbook of one sheet holding <paramref name="cell"/>, with a comment on it when <paramref name="comment"/> is given.</summary>
    private static byte[] Workbook(S.Cell cell, string? comment = null)
    {
        using var stream = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new S.Workbook();
            var sheet = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
            sheet.Worksheet = new S.Worksheet(new S.SheetData(new S.Row(cell) { RowIndex = 1 }));
            workbook.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Ark1" }));
            if (comment is not null)
            {
                var comments = sheet.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetCommentsPart>();
                comments.Comments = new S.Comments(new S.Authors(new S.Author("HR")),
                    new S.CommentList(new S.Comment(new S.CommentText(new S.Text(comment))) { Reference = "A1", AuthorId = 0 }));
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task Ctrl_C_leaves_finished_items_audited_and_the_rest_untouched()
    {
        using var dir = new TempFolder();
        string share = Path.Combine(dir.Path, "share");
        for (int i = 0; i < 6; i++)
        {
            dir.File($"share/f{i}.txt", "Søren Aabye Østergaard " + i);
        }

        var findings = await Sweep(share);
        using var cancel = new CancellationTokenSource();
        var slow = new StoppingRemover(new SourceItemRemover(null), stopAfter: 2, cancel);
        string audit = Path.Combine(dir.Path, "audit.log");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new SubjectRemover(new RemovalOptions(Subject) { AuditLog = new AuditLog(audit), ThrottleLimit = 1, IncludeLowConfidence = true }, slow, new RecordingHost()).RunAsync(findings, cancel.Token));

        int remaining = Directory.GetFiles(share).Length;
        var logged = new AuditLog(audit).Read();
        Assert.Equal(6 - logged.Count(r => r.Outcome == RemovalOutcome.Removed), remaining);
        Assert.Equal(2, logged.Count(r => r.Outcome == RemovalOutcome.Removed));
        Assert.Equal(2, logged.Count(r => r.Outcome == RemovalOutcome.Intended));
        Assert.Equal("RemovalStarted", logged[0].Action);
    }

    /// <summary>Removes normally, then cancels the run after a number of removals.</summary>
    private sealed class StoppingRemover(IItemRemover inner, int stopAfter, CancellationTokenSource cancel) : IItemRemover
    {
        private int removed;

        public Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken) => inner.CurrentItemAsync(finding, cancellationToken);

        public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => inner.OpenAsync(finding, cancellationToken);

        public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await inner.RemoveAsync(finding, mode, version, cancellationToken);
            if (Interlocked.Increment(ref removed) >= stopAfter)
            {
                cancel.Cancel();
            }

            return result;
        }

        public Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken) => inner.ReplaceAsync(finding, content, version, cancellationToken);

        public Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken) => inner.RetentionReasonAsync(finding, cancellationToken);
    }
}
