using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using GdprOps.Detection.Discovery;
using GdprOps.Extraction;
using GdprOps.Testing;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// A table's column labels are the context of every cell below them. An HR or customer export names its columns once
/// ("BSN", "Telefon", "Fødselsdato"); a context word reaches 300 characters, so before this only the first rows of such a
/// file were counted (10 of 100 BSNs in a two-column CSV) and the report understated what the file holds.
/// </summary>
public class TableLabelTests
{
    private static readonly DiscoveryScanner Scanner = new(today: new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public async Task Every_row_of_a_labelled_column_in_a_csv_export_is_counted_at_its_labels_confidence()
    {
        var csv = new StringBuilder("Medarbejder;BSN;Telefon;Fødselsdato\r\n");
        var bsns = Bsns().Take(300).ToList();
        for (int i = 0; i < bsns.Count; i++)
        {
            csv.Append("Medarbejder ").Append(Letters(i)).Append(';').Append(bsns[i]).Append(";2").Append((1234567 + i).ToString("D7", Inv))
                .Append(';').Append(1 + (i % 28)).Append('.').Append(1 + (i % 12)).Append('.').Append(1960 + (i % 40)).Append("\r\n");
        }

        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "personale.csv")).CategoryCounts(75);

        Assert.Equal(300, counts[DetectorIds.NlBsn]);
        Assert.Equal(300, counts[DetectorIds.Phone]);
        Assert.Equal(300, counts[DetectorIds.DateOfBirth]);
    }

    [Fact]
    public async Task A_value_counts_under_its_own_label_when_quoted_cells_hold_the_separator()
    {
        // "Holm, Jens" holds a comma: counted naively, the order number after it would stand under "BSN".
        var quoted = AfterFiller("Name,Order,BSN\n", "\"Nielsen, Ane\",,\n");
        var labelled = AfterFiller("Name,Order,BSN\n", "\"Nielsen, Ane\",,\n");

        foreach (string number in Bsns().Take(200))
        {
            quoted.Append("\"Holm, Jens\",").Append(number).Append(",\n");
            labelled.Append("\"Holm, Jens\",,").Append(number).Append('\n');
        }

        var underOrder = (await Discover(Encoding.UTF8.GetBytes(quoted.ToString()), "orders.csv")).CategoryCounts(65);
        var underBsn = (await Discover(Encoding.UTF8.GetBytes(labelled.ToString()), "people.csv")).CategoryCounts(65);

        Assert.False(underOrder.ContainsKey(DetectorIds.NlBsn));
        Assert.Equal(200, underBsn[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Legacy_eight_digit_bsns_count_under_their_label_and_nowhere_else()
    {
        // Spreadsheets drop a BSN's leading zero: 012345611 becomes 12345611 (DETECTORS.md pads eight-digit numbers).
        var legacy = Bsns(first: 1_000_000).Take(150).Select(b => b.Substring(1)).ToList();
        var csv = new StringBuilder("Naam,BSN,Klantnummer\n");
        foreach (string number in legacy)
        {
            csv.Append("Jan de Vries,").Append(number).Append(',').Append(number).Append('\n');
        }

        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "klanten.csv")).CategoryCounts(65);

        Assert.Equal(150, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Numbers_under_other_labels_get_no_context_from_them()
    {
        // Eleven-proof order numbers in an order list: no BSN, however many rows.
        var csv = new StringBuilder("Ordrenummer;Beløb;Kunde\n");
        foreach (string number in Bsns().Take(200))
        {
            csv.Append(number).Append(";1.250,00;Kunde A/S\n");
        }

        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "ordrer.csv")).CategoryCounts(65);

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
    }

    [Fact]
    public async Task A_worksheet_keeps_values_under_their_labels_across_empty_cells_and_its_labels_end_with_it()
    {
        var bsns = Bsns().Take(400).ToList();
        // Sheet 1: the notes column is empty on every row; Excel leaves such cells out, and the BSN's reference (C2...) says
        // where it stands. Sheet 2 has no header: sheet 1's labels must not reach it. Sheet 3 loses its columns at a row
        // with a cell far to the right (not padded): its labels end there.
        var first = new[] { new string?[] { "Navn", "Noter", "BSN" } }.Concat(bsns.Take(200).Select(b => new string?[] { "Jens Holm", null, b })).ToArray();
        var second = bsns.Skip(200).Take(100).Select(b => new string?[] { "Ane", "x", b })
            .Concat(Enumerable.Repeat(new string?[] { "Ane", "x", "-" }, 60)) // the next sheet's header out of the numbers' reach
            .ToArray();
        var wide = new string?[40];
        wide[0] = "Ole";
        wide[1] = bsns[300];
        wide[39] = "note";
        var third = new[] { new string?[] { "Navn", "BSN" } }
            .Concat(bsns.Skip(301).Take(50).Select(b => new string?[] { "Eva", b }))
            .Concat(new[] { wide })
            .Concat(bsns.Skip(351).Take(49).Select(b => new string?[] { "Eva", b }))
            .ToArray();

        var counts = (await Discover(TestDocuments.Workbook(first, second, third), "personale.xlsx")).CategoryCounts(65);

        Assert.Equal(250, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task A_worksheet_cell_with_line_breaks_keeps_its_row_on_one_line()
    {
        // Alt+Enter in a note: were its line break kept, the order number after it would stand under "BSN".
        var rows = new[] { new string?[] { "Navn", "BSN", "Noter", "Ordre" } }
            .Concat(Enumerable.Repeat(new string?[] { "x", null, "-", "-" }, 40))
            .Concat(Bsns().Take(100).Select(order => new string?[] { "x", null, "første linje\nanden linje", order }))
            .ToArray();

        var counts = (await Discover(TestDocuments.Workbook(rows), "ordrer.xlsx")).CategoryCounts(65);

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
    }

    [Fact]
    public async Task A_worksheets_comments_are_no_rows_of_its_table()
    {
        // The comment is read after the sheet's rows; as a row its number would stand under "Telefon".
        var rows = new[] { new string?[] { "Telefon", "Navn" } }.Concat(Enumerable.Repeat(new string?[] { "-", "Jens" }, 60)).ToArray();
        byte[] workbook = TestDocuments.Workbook(rows);
        using (var stream = new MemoryStream())
        {
            stream.Write(workbook, 0, workbook.Length);
            using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
            {
                var sheet = document.WorkbookPart!.WorksheetParts.First();
                var comments = sheet.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetCommentsPart>();
                comments.Comments = new DocumentFormat.OpenXml.Spreadsheet.Comments(
                    new DocumentFormat.OpenXml.Spreadsheet.Authors(new DocumentFormat.OpenXml.Spreadsheet.Author("HR")),
                    new DocumentFormat.OpenXml.Spreadsheet.CommentList(new DocumentFormat.OpenXml.Spreadsheet.Comment(
                        new DocumentFormat.OpenXml.Spreadsheet.CommentText(new DocumentFormat.OpenXml.Spreadsheet.Text("Ordre 20123456"))) { Reference = "B2", AuthorId = 0 }));
            }

            workbook = stream.ToArray();
        }

        var accumulator = await Discover(workbook, "liste.xlsx");

        Assert.Equal(1, accumulator.CategoryCounts(65)[DetectorIds.Phone]);
        Assert.False(accumulator.CategoryCounts(75).ContainsKey(DetectorIds.Phone));
    }

    [Theory]
    [InlineData("Dear Anna, thank you for the call\nSee you soon, Jens\n")] // a letter: one name and a sentence
    [InlineData("0,Customer 0,c0@fjord.example,+45 26731351\n1,Customer 1,c1@fjord.example,+45 25952315\n")] // data, no header
    [InlineData("Name,Phone\nThis line is prose without the separator\n")] // the next line is no row of it
    [InlineData("Name,Phone")] // one line: nothing says it is a table
    [InlineData("Kunde;Ordre 4471;Beløb\nA;1;2\n")] // a value in the first row
    public void A_first_line_that_is_no_header_gives_no_labels(string text) =>
        Assert.Null(TableHeader.Sniff(text.AsSpan(), 0));

    [Theory]
    [InlineData("Navn;CPR-nr.;Adresse\r\nJens;010190-1234;Vej 1\r\n", ';', "Navn|CPR-nr.|Adresse")]
    [InlineData("\"Name\",\"Date of birth\",\"Notes, free text\"\n\"A\",\"1.1.1990\",\"x, y\"\n", ',', "Name|Date of birth|Notes, free text")]
    [InlineData("naam\tbsn\ttelefoon\t\nA\t1\t2\t\n", '\t', "naam|bsn|telefoon")]
    [InlineData(",name,bsn,phone number of the next of kin in case\n0,A,1,2\n", ',', "|name|bsn|")] // pandas' index column; a sentence is no label
    public void A_header_line_reads_as_its_labels(string text, char separator, string labels)
    {
        var header = TableHeader.Sniff(text.AsSpan(), 100);

        Assert.NotNull(header);
        Assert.Equal(separator, header!.Separator);
        Assert.Equal(labels, string.Join("|", header.Cells));
        Assert.Equal(100, header.Offset);
        Assert.Equal(100 + text.IndexOf('\n', StringComparison.Ordinal) + 1, header.RowsFrom);
    }

    [Theory]
    [InlineData("sep=;\r\nNavn;BSN;Telefon\r\nA;1;2\r\n", "Navn|BSN|Telefon")] // Excel's separator hint
    [InlineData("Medarbejderliste, Salg\n\nNavn;CPR-nr.\nA;1\n", "Navn|CPR-nr.")] // a title and a blank line
    public void A_header_may_stand_below_a_title_or_a_separator_hint(string text, string labels)
    {
        var header = TableHeader.Sniff(text.AsSpan(), 0);

        Assert.NotNull(header);
        Assert.Equal(labels, string.Join("|", header!.Cells));
        int line = text.IndexOf(labels.Split('|')[0], StringComparison.Ordinal);
        Assert.Equal(line, header.Offset);
        Assert.Equal(text.IndexOf('\n', line) + 1, header.RowsFrom);
    }

    [Fact]
    public void Each_character_knows_its_column_on_a_whole_row_and_none_on_a_piece_of_one()
    {
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        // A row with a quoted separator; a record whose quoted cell holds a line break (one row of two lines: its quotes
        // close and it has a row's separators); a line short of separators after it; a last line, whole.
        string text = "a,\"b,c\",d\nx,\"y\nz\",w\ne,f\n1,2,3";
        var columns = new ushort[text.Length];

        TableHeader.Columns(text.AsSpan(), TableLine.LineStart(csv), columns);

        Assert.Equal(new ushort[] { 0, 0, 1, 1, 1, 1, 1, 1, 2 }, Line(0));
        Assert.Equal(new ushort[] { 0, 0, 1, 1 }, Line(1));
        Assert.Equal(new ushort[] { 1, 1, 1, 2 }, Line(2));
        Assert.Equal(new ushort[] { 0, 0, 1 }, Line(3));
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 2 }, Line(4));

        // A row that left out its trailing fields, after a whole row: its cells under the first labels. After a piece of a
        // record, or with a quote of its own, it may be the rest of a quoted cell: not known.
        string shortRows = "a,b,c\nd,e\nf\ng,\"h\"\nx,\"y\nz,w\n";
        var shortColumns = new ushort[shortRows.Length];
        TableHeader.Columns(shortRows.AsSpan(), TableLine.LineStart(csv), shortColumns);
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 2 }, shortColumns.Take(5));
        Assert.Equal(new ushort[] { 0, 0, 1 }, shortColumns.Skip(6).Take(3));
        Assert.Equal(0, shortColumns[10]);
        Assert.All(shortColumns.Skip(12).Take(5).Concat(shortColumns.Skip(18).Take(4)).Concat(shortColumns.Skip(23).Take(3)),
            column => Assert.Equal(TableHeader.UnknownColumn, column));

        // The chunk's first line began in the chunk before: not known, whole as it looks.
        TableHeader.Columns(text.AsSpan(), TableLine.Cut(csv), columns);
        Assert.All(Line(0), column => Assert.Equal(TableHeader.UnknownColumn, column));
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 2 }, Line(4));

        // A record of more or fewer separators than a row is none: its first line's quote is a stray one, and the lines after it
        // are read on their own ("a,\"b" is no row, "c,d,e" is one), as before records were read.
        text = "x,\"y\nz\",w,v\nc,d,e\n";
        TableHeader.Columns(text.AsSpan(), TableLine.LineStart(csv), columns);
        Assert.All(Line(0), column => Assert.Equal(TableHeader.UnknownColumn, column));
        Assert.All(Line(1), column => Assert.Equal(TableHeader.UnknownColumn, column)); // more separators than a row
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 2 }, Line(2));

        // A worksheet's rows: no quoting, and a row may be shorter than its header (Excel leaves out trailing empty cells).
        var sheet = TableHeader.Read("Navn\tNoter\tBSN\t".AsSpan(), 0, 0, '\t')!;
        string rows = "a\t\"b\tc\nd\t";
        TableHeader.Columns(rows.AsSpan(), TableLine.LineStart(sheet), columns);
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 1, 2 }, columns.Take(6));
        Assert.Equal(new ushort[] { 0, 0 }, columns.Skip(7).Take(2));

        ushort[] Line(int k)
        {
            var lines = text.Split('\n');
            int from = lines.Take(k).Sum(l => l.Length + 1);
            return columns.Skip(from).Take(lines[k].Length).ToArray();
        }
    }

    [Fact]
    public async Task A_value_after_a_quoted_line_break_is_under_no_label()
    {
        // The order number after a note with a line break would stand under "BSN" if the note's second line were a row.
        var csv = AfterFiller("BSN,Notitie,Ordernummer\n", ",\"geen\",\n");

        foreach (string number in Bsns().Take(100))
        {
            csv.Append(",\"eerste regel\ntweede regel\",").Append(number).Append('\n');
        }

        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "orders.csv")).CategoryCounts(65);

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
    }

    [Fact]
    public async Task A_row_that_leaves_out_its_trailing_fields_keeps_its_values_under_their_labels()
    {
        // Some exporters (and hand-edited files) write "Jan;123456782" for a row whose telephone and note are empty: the BSN
        // is still under "BSN", and with no word near it, it was not found at all.
        var csv = AfterFiller("Naam;BSN;Telefoon;Notitie\n", "Vries, de;;;geen\n");

        // Three short rows to every whole one, over several chunks (Discover cuts 8,192 characters).
        int row = 0;
        foreach (string number in Bsns().Take(1200))
        {
            csv.Append("Jan de Vries;").Append(number).Append(row++ % 4 == 3 ? ";020-1234567;verlof\n" : "\n");
        }

        Assert.True(csv.Length > 3 * 8192);
        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "medewerkers.csv")).CategoryCounts(75);

        Assert.Equal(1200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Rows_that_all_leave_out_their_trailing_fields_keep_their_labels_in_every_chunk()
    {
        // No whole row after the filler: each chunk's first line began in the chunk before, and what the rows were there
        // comes with the chunk. Without it, only the first chunk's BSNs had a label (the rest were not found at all).
        var csv = AfterFiller("Naam;BSN;Telefoon;Notitie\n", "Vries, de;;;geen\n");
        foreach (string number in Bsns().Take(1200))
        {
            csv.Append("Jan de Vries;").Append(number).Append('\n');
        }

        Assert.True(csv.Length > 3 * 8192);
        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "medewerkers.csv")).CategoryCounts(75);

        Assert.Equal(1200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public void A_chunk_reads_its_first_line_on_from_where_the_chunk_before_left_its_rows()
    {
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        string before = "a,b,c\nd,\"e";
        string text = ",f\",3\ng,h\n";
        var columns = new ushort[text.Length];

        var line = TableHeader.Follow(before.AsSpan(), TableLine.LineStart(csv));
        Assert.Equal((true, true, true, true, 1), (line.Known, line.Quoted, line.AnyQuote, line.AfterRow, line.Separators));
        var end = TableHeader.Columns(text.AsSpan(), line, columns);

        // The quoted comma stays in column 1; the row's end is column 2; the short row after it is a row.
        Assert.Equal(new ushort[] { 1, 1, 1, 1, 2, 2 }, columns.Take(6));
        Assert.Equal(new ushort[] { 0, 0, 1 }, columns.Skip(6).Take(3));
        Assert.Equal((true, false, false, true, 0), (end.Known, end.Quoted, end.AnyQuote, end.AfterRow, end.Separators));
    }

    [Fact]
    public void A_record_whose_note_goes_on_into_the_next_chunk_is_read_on_from_where_it_stood()
    {
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        var line = TableHeader.Follow("a,b,c\nx,\"y\nz".AsSpan(), TableLine.LineStart(csv));
        Assert.True(line.InRecord);
        Assert.Equal((true, 1), (line.Quoted, line.Separators));

        // It ends whole: its last line is under the labels its cells are, and the short row after it is a row.
        string text = "\",w\nd,e\n";
        var columns = new ushort[text.Length];
        var end = TableHeader.Columns(text.AsSpan(), line, columns);
        Assert.Equal(new ushort[] { 1, 1, 2 }, columns.Take(3));
        Assert.Equal(new ushort[] { 0, 0, 1 }, columns.Skip(4).Take(3));
        Assert.Equal((false, true, 0), (end.InRecord, end.AfterRow, end.Separators));

        // It ends with a separator too many: its lines are read as they were read on their own ("z\",w,v" opens a quote of its
        // own: no row), and the row after it is one.
        text = "\",w,v\nc,d,e\n";
        columns = new ushort[text.Length];
        TableHeader.Columns(text.AsSpan(), line, columns);
        Assert.All(columns.Take(5), column => Assert.Equal(TableHeader.UnknownColumn, column));
        Assert.Equal(new ushort[] { 0, 0, 1, 1, 2 }, columns.Skip(6).Take(5));
    }

    [Fact]
    public void A_text_cut_anywhere_gets_the_columns_reading_it_whole_gives()
    {
        // The sink hands a table on in chunks, each with where the rows stood at its start (records left open included): the
        // second piece of any cut must get the columns the whole text gets there. Cuts just after a quote are left out: a
        // piece cannot see whether its first quote doubles the one before it, and such a cut is no more than a cell's edge.
        var random = new Random(20261203);
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        const string alphabet = "ab ,,\"\"\n\n";
        for (int round = 0; round < 3000; round++)
        {
            var chars = new char[random.Next(1, 80)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = new(chars);
            var whole = new ushort[text.Length];
            var wholeEnd = TableHeader.Columns(text.AsSpan(), TableLine.LineStart(csv), whole);
            for (int cut = 1; cut < text.Length; cut++)
            {
                if (text[cut - 1] == '"')
                {
                    continue;
                }

                var line = TableHeader.Follow(text.AsSpan(0, cut), TableLine.LineStart(csv));
                var rest = new ushort[text.Length - cut];
                var end = TableHeader.Columns(text.AsSpan(cut), line, rest);
                Assert.True(
                    whole.Skip(cut).SequenceEqual(rest) && (wholeEnd.Quoted, wholeEnd.AfterRow, wholeEnd.Separators, wholeEnd.InRecord) == (end.Quoted, end.AfterRow, end.Separators, end.InRecord),
                    $"'{text.Replace("\n", "\\n", StringComparison.Ordinal)}' cut at {cut}");
            }
        }
    }

    [Fact]
    public void A_stray_quote_spoils_only_its_own_line()
    {
        // An inch mark in a hand-written file opens a quote nothing closes: the record it would start is never whole, and the
        // rows after it are read on their own, however far they go (past the longest record read as one).
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        var text = new StringBuilder("Jan,12\" scherm,1\n");
        while (text.Length < TableHeader.MaxRecordChars + 2000)
        {
            text.Append("Piet,geen,2\n");
        }

        var columns = new ushort[text.Length];
        var end = TableHeader.Columns(text.ToString().AsSpan(), TableLine.LineStart(csv), columns);

        Assert.All(columns.Take(16), column => Assert.Equal(TableHeader.UnknownColumn, column));
        for (int row = 17; row < text.Length; row += 12)
        {
            Assert.Equal(new ushort[] { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2 }, columns.Skip(row).Take(11));
        }

        Assert.Equal((false, true), (end.InRecord, end.AfterRow));
    }

    [Fact]
    public async Task A_value_after_a_note_of_several_lines_is_under_its_label()
    {
        // HR and CRM exports quote a note that holds line breaks (RFC 4180). The BSN after such a note stood on a piece of a
        // record, under no label, and with no word near it was not found at all.
        var csv = AfterFiller("Naam;Notitie;BSN\n", "Vries, de;geen;\n");
        foreach (string number in Bsns().Take(1200))
        {
            csv.Append("Jan de Vries;\"Belde maandag, ziek\nTerug op 3 maart\";").Append(number).Append('\n');
        }

        Assert.True(csv.Length > 3 * 8192);
        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "medewerkers.csv")).CategoryCounts(75);

        Assert.Equal(1200, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public async Task Stray_quotes_in_a_file_cost_only_their_own_rows()
    {
        // Every 25th row has an inch mark; nothing closes it. The BSNs of the other rows are under their label in every chunk.
        var csv = AfterFiller("Naam;Notitie;BSN\n", "Vries, de;geen;\n");
        int row = 0, stray = 0;
        foreach (string number in Bsns().Take(1200))
        {
            bool inch = row++ % 25 == 7;
            stray += inch ? 1 : 0;
            csv.Append("Jan de Vries;").Append(inch ? "scherm 24\" defect" : "scherm ok").Append(';').Append(number).Append('\n');
        }

        Assert.True(csv.Length > 3 * 8192);
        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "medewerkers.csv")).CategoryCounts(75);

        Assert.Equal(1200 - stray, counts[DetectorIds.NlBsn]);
    }

    [Fact]
    public void Where_the_rows_stand_at_a_chunks_cut_is_the_same_read_back_from_it_as_read_through()
    {
        // The sink reads back from the cut only as far as it must (TableHeader.At); any text, cut anywhere, must come out as
        // reading it all from the start does.
        var random = new Random(20261202);
        var csv = TableHeader.Sniff("Naam,Notitie,BSN\nA,B,C\n".AsSpan(), 0)!;
        var sheet = TableHeader.Read("Navn\tNoter\tBSN\t".AsSpan(), 0, 0, '\t')!;
        const string alphabet = "ab,,,\"\n\n\t";
        for (int round = 0; round < 3000; round++)
        {
            var table = round % 3 == 2 ? sheet : csv;
            var chars = new char[random.Next(0, 60)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var starts = new[]
            {
                TableLine.LineStart(table), TableLine.Cut(table), TableHeader.Follow("x,\"y".AsSpan(), TableLine.LineStart(table)),
                TableHeader.Follow("x,y,z\nx".AsSpan(), TableLine.LineStart(table)),
                TableHeader.Follow("x,\"y\nz".AsSpan(), TableLine.LineStart(table)), // inside a record of two lines
            };
            foreach (var start in starts)
            {
                var read = TableHeader.Follow(chars, start);
                var back = TableHeader.At(chars, start);
                var columns = TableHeader.Columns(chars, start, new ushort[chars.Length]);
                Assert.True(
                    (read.Known, read.Quoted, read.AnyQuote, read.AfterRow, read.Separators, read.RecordLength) == (back.Known, back.Quoted, back.AnyQuote, back.AfterRow, back.Separators, back.RecordLength)
                    && (read.Known, read.Quoted, read.AnyQuote, read.AfterRow, read.Separators, read.RecordLength) == (columns.Known, columns.Quoted, columns.AnyQuote, columns.AfterRow, columns.Separators, columns.RecordLength),
                    $"'{new string(chars).Replace("\n", "\\n", StringComparison.Ordinal)}' from {(start.Known, start.Quoted, start.AfterRow, start.Separators)}");
            }
        }
    }

    [Fact]
    public async Task The_later_lines_of_a_quoted_cell_are_no_short_rows()
    {
        // A note of three lines: its second and third have fewer separators than the header and no quote of their own, and
        // a number at their start would stand under "BSN" if they were read as rows that left out their trailing fields.
        var csv = AfterFiller("BSN,Naam,Notitie\n", ",Filler,geen\n");

        foreach (string number in Bsns().Take(100))
        {
            csv.Append(",Jan,\"Belde op\n").Append(number).Append(" is van zijn broer, zegt hij\nen dat klopt\"\n");
        }

        var counts = (await Discover(Encoding.UTF8.GetBytes(csv.ToString()), "notities.csv")).CategoryCounts(65);

        Assert.False(counts.ContainsKey(DetectorIds.NlBsn));
    }

    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>A CSV export's header line and 30 filler rows: the header's own words are then out of every later number's reach, so only its labels can give a number context.</summary>
    private static StringBuilder AfterFiller(string header, string filler)
    {
        var csv = new StringBuilder(header);
        for (int i = 0; i < 30; i++)
        {
            csv.Append(filler);
        }

        return csv;
    }

    internal static async Task<DiscoveryAccumulator> Discover(byte[] content, string name)
    {
        var accumulator = new DiscoveryAccumulator();
        var sink = new ChunkingTextSink(chunk => Scanner.ScanInto(accumulator, chunk), chunkChars: 8192);
        await new ContentExtractor().ExtractAsync(new MemoryStream(content), name, Path.GetExtension(name), sink, default);
        return accumulator;
    }

    /// <summary>Nine-digit numbers that pass the eleven test, in a fixed order.</summary>
    internal static IEnumerable<string> Bsns(int first = 10_000_000)
    {
        for (int n = first; ; n += 7919)
        {
            string digits = n.ToString("D8", Inv);
            int sum = 0;
            for (int i = 0; i < 8; i++)
            {
                sum += (9 - i) * (digits[i] - '0');
            }

            if (sum % 11 < 10)
            {
                yield return digits + (char)('0' + (sum % 11));
            }
        }
    }

    private static string Letters(int i) => new(new[] { (char)('A' + (i % 26)), (char)('a' + (i / 26 % 26)) });
}
