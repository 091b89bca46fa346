using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using GdprOps.Detection.Discovery;
using Xunit;
using Xunit.Abstractions;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// Lexicon words in the forms clerks write them: Danish and Dutch definite and plural forms and English plurals
/// ("kræften", "miskramen", "migraines") are the same term as the lexicon's word, and forms that mean something else
/// ("vaste", "geloven", "volder", "genetics", "zijn mannen") are not.
/// </summary>
public sealed class InflectedTermTests
{
    private readonly ITestOutputHelper _output;

    public InflectedTermTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData("da", "kræft", "kræften kræfter kræftens")]
    [InlineData("da", "blodprop", "blodproppen blodpropper")]
    [InlineData("da", "migræne", "migrænen migræner migrænens")]
    [InlineData("da", "medlem", "medlemmer medlemmet")]
    [InlineData("nl", "huisarts", "huisartsen")]
    [InlineData("nl", "rolstoel", "rolstoelen")]
    [InlineData("nl", "miskraam", "miskramen")]
    [InlineData("nl", "jood", "joden")]
    [InlineData("nl", "taakstraf", "taakstraffen")]
    [InlineData("nl", "contactverbod", "contactverboden")]
    [InlineData("nl", "moskee", "moskeeën moskeeen")]
    [InlineData("nl", "beroerte", "beroertes beroerten")]
    [InlineData("en", "illness", "illnesses")]
    [InlineData("en", "surgery", "surgeries")]
    [InlineData("en", "migraine", "migraines")]
    public void A_word_has_the_regular_forms_of_its_language(string language, string word, string expected)
    {
        var forms = Inflections.Of(word, language);
        foreach (string form in expected.Split(' '))
        {
            // "moskeeen": the diaeresis is left out in plain text, and no rule makes that form: not every form is promised.
            if (form == "moskeeen")
            {
                Assert.DoesNotContain(form, forms);
                continue;
            }

            Assert.Contains(form, forms);
        }
    }

    [Theory]
    [InlineData("nl", "kanker", "kankeren")] // unstressed -er takes -s only: "kankeren" is "to grumble"
    [InlineData("nl", "roma", "roman")] // a word ending in a vowel other than e takes 's, which the tokenizer splits off
    [InlineData("en", "hiv", "hives")] // -es only after a sibilant
    [InlineData("da", "ab", "abe")] // two letters: an abbreviation, never inflected
    public void A_form_of_another_meaning_is_not_made(string language, string word, string notAForm)
    {
        Assert.DoesNotContain(notAForm, Inflections.Of(word, language));
    }

    [Fact]
    public void Entries_that_opt_out_and_phrases_keep_to_the_words_as_written()
    {
        var byText = SpecialCategoryLexicon.All.ToLookup(t => t.Language + ":" + t.Text);
        Assert.All(new[] { "nl:vast", "nl:geloof", "nl:aanleg", "nl:volt", "da:faster", "da:vold", "en:genetic", "en:unite", "en:prospect" },
            key => Assert.All(byText[key], t => Assert.Empty(t.Forms)));
        Assert.All(SpecialCategoryLexicon.All.Where(t => t.Text.Contains(' ', StringComparison.Ordinal) || t.Prefix), t => Assert.Empty(t.Forms));
        Assert.Contains("kassen", Assert.Single(byText["da:a-kasse"]).Forms); // the last word: "a-kassen" is the words "a" and "kassen"
    }

    [Fact]
    public void An_entry_can_leave_out_single_forms_and_end_a_compound_and_a_wrong_entry_is_a_load_error()
    {
        var terms = SpecialCategoryLexicon.Parse(new StringReader("ART9_HEALTH\tda\t*kræft=-kræfter,kræfterne\tstrong\tcancer\n"));
        var term = Assert.Single(terms);
        Assert.Equal(("*kræft", true, false), (term.Text, term.Infix, term.Prefix));
        Assert.Equal(new[] { "kræft" }, term.Words);
        Assert.Contains("kræften", term.Forms);
        Assert.DoesNotContain("kræfter", term.Forms);
        Assert.DoesNotContain("kræfterne", term.Forms);
        Assert.Contains("kræfters", term.Forms); // only those named are left out

        foreach (string wrong in new[] { "*kræft=-kræfterx", "kræft=kræfter", "*two words", "ziekte=-ziekten,nope" })
        {
            var error = Assert.Throws<InvalidOperationException>(() => SpecialCategoryLexicon.Parse(new StringReader("# head\nART9_HEALTH\tnl\t" + wrong + "\tstrong\treason\n")));
            Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A phrase is one mention: its last word, a term of its own ("illness", "union", "syg"), is not a second distinct term
    /// of the category. Counted twice, "mental illness" or "voice biometrics" alone was two strong terms (Medium with no
    /// person anywhere: a product sheet, an awareness week), and "trade union" two weak ones (Medium beside any name).
    /// </summary>
    [Theory]
    [InlineData("Mental illness awareness week starts on Monday.", DetectorIds.Health, false)]
    [InlineData("Our contact centre platform now supports voice biometrics.", DetectorIds.Biometric, false)]
    [InlineData("A documentary about a criminal conviction that was overturned.", DetectorIds.Criminal, false)]
    [InlineData("The trade union office is closed today; Tom has the keys.", DetectorIds.TradeUnion, true)]
    [InlineData("Hej, jeg er syg i dag. Mvh Lars", DetectorIds.Health, false)]
    [InlineData("She has been off sick since Monday.", DetectorIds.Health, false)]
    public void A_phrase_and_its_own_last_word_are_one_term(string text, string category, bool weak)
    {
        var hits = new System.Collections.Generic.List<(string Category, string Term, int Start, bool Weak)>();
        new DiscoveryScanner().ScanSpecialCategories(text, hits);
        var hit = Assert.Single(hits, h => h.Category == category);
        Assert.Equal(weak, hit.Weak);
        Assert.Contains(' ', hit.Term);
    }

    /// <summary>
    /// Notes written for the rules (Data/special-categories-inflected.tsv), and notes naming words the lexicon once lacked
    /// (Data/special-categories-spotcheck.tsv): every one found, no hard negative flagged.
    /// </summary>
    [Theory]
    [InlineData("special-categories-inflected.tsv", 40, 12)]
    [InlineData("special-categories-spotcheck.tsv", 60, 60)]
    [InlineData("special-categories-clinical.tsv", 45, 30)]
    public void Notes_naming_a_category_are_found_and_the_same_words_in_other_senses_are_not(string file, int positives, int negatives)
    {
        var scanner = new DiscoveryScanner();
        var notes = LabelledNotes.Read(file);
        var missed = notes.Where(n => n.Categories != "NONE" && !AccuracyTests.Predict(scanner, n.Text).Contains(n.Categories)).Select(n => n.Language + ": " + n.Text).ToList();
        var flagged = notes.Where(n => n.Categories == "NONE" && AccuracyTests.Predict(scanner, n.Text).Overlaps(DetectorIds.SpecialCategories)).Select(n => n.Language + ": " + n.Text).ToList();
        foreach (string line in missed.Select(m => "missed " + m).Concat(flagged.Select(f => "flagged " + f)))
        {
            _output.WriteLine(line);
        }

        Assert.True(notes.Count(n => n.Categories != "NONE") >= positives && notes.Count(n => n.Categories == "NONE") >= negatives, "the set proves too little");
        Assert.Empty(missed);
        Assert.Empty(flagged);
    }
    /// <summary>
    /// The quick check in front of the lookups (SpecialTermIndex.MayStartTerm: bit tables of the first three, four and five
    /// letters) turns away only words no term starts with: every first word and form of every term in any case, and random
    /// words made from them (cut short, a letter changed at the fourth to sixth place, letters added), pass whenever a term
    /// does start with them, as comparing every term's first word finds.
    /// </summary>
    [Fact]
    public void The_quick_check_lets_through_every_word_a_term_starts_with()
    {
        var terms = SpecialCategoryLexicon.All.Where(t => !t.Words[0].Any(char.IsDigit)).ToList();
        var firsts = terms.SelectMany(t => (t.Words.Length == 1 ? t.Forms.Prepend(t.Words[0]) : new[] { t.Words[0] })
            .Select(w => (Word: w, Prefix: t.Prefix && t.Words.Length == 1))).Distinct().ToList();
        bool Starts(string lower) => firsts.Any(f => f.Prefix ? lower.StartsWith(f.Word, StringComparison.Ordinal) : lower == f.Word);

        var random = new Random(20261203);
        const string Letters = "abcdefghijklmnopqrstuvwxyzæøå";
        var turnedAway = new List<string>();
        int checkedStarts = 0;
        for (int round = 0; round < 40_000; round++)
        {
            var (word, _) = firsts[random.Next(firsts.Count)];
            var chars = word.ToCharArray().ToList();
            switch (random.Next(4))
            {
                case 0:
                    break;
                case 1:
                    int keep = Math.Min(chars.Count, random.Next(1, 7));
                    chars.RemoveRange(keep, chars.Count - keep);
                    break;
                case 2:
                    int at = random.Next(3, 6);
                    if (at < chars.Count)
                    {
                        chars[at] = Letters[random.Next(Letters.Length)];
                    }

                    break;
                default:
                    chars.AddRange(Enumerable.Range(0, random.Next(1, 5)).Select(_ => Letters[random.Next(Letters.Length)]));
                    break;
            }

            string candidate = new(chars.ToArray());
            if (candidate.Length == 0 || !Starts(candidate))
            {
                continue;
            }

            checkedStarts++;
            foreach (string cased in new[] { candidate, candidate.ToUpperInvariant(), char.ToUpperInvariant(candidate[0]) + candidate.Substring(1) })
            {
                if (!SpecialTermIndex.MayStartTerm(cased.AsSpan()))
                {
                    turnedAway.Add(cased);
                }
            }
        }

        Assert.True(checkedStarts > 10_000, "too few words that start a term were made to prove anything");
        Assert.Empty(turnedAway.Distinct().Take(20));
    }

    /// <summary>
    /// The compound search (SpecialTermIndex.InfixMatches) skips positions by the stems' first letters and by where the
    /// shortest stem still fits: on random compounds of every infix stem, cut short, changed a letter, in either case and
    /// with Danish letters around, it finds exactly what comparing every stem at every position past a three-letter first
    /// element finds.
    /// </summary>
    [Fact]
    public void The_compound_search_finds_what_comparing_every_stem_everywhere_finds()
    {
        var infixes = SpecialCategoryLexicon.All.Where(t => t.Infix).ToList();
        Assert.True(infixes.Count >= 20, "the lexicon has too few compound stems to prove anything");
        var random = new Random(20261202);
        const string Letters = "abcdefghijklmnopqrstuvwxyzæøå";
        string Piece(int length) => new(Enumerable.Range(0, length).Select(_ => Letters[random.Next(Letters.Length)]).ToArray());

        int found = 0;
        for (int round = 0; round < 20_000; round++)
        {
            var term = infixes[random.Next(infixes.Count)];
            string stem = term.Words[0];
            string inner = random.Next(4) switch
            {
                0 => stem,
                1 => term.Forms.Length > 0 ? term.Forms[random.Next(term.Forms.Length)] : stem,
                // Cut short at the end: the word ends before the stem does.
                2 => stem.Substring(0, random.Next(3, stem.Length)),
                // One letter changed: the fourth, or another.
                _ => ChangeLetter(stem, random.Next(2) == 0 ? 3 : random.Next(stem.Length), Letters, random),
            };
            string word = Piece(random.Next(0, 6)) + inner + (term.Prefix || random.Next(3) == 0 ? Piece(random.Next(0, 4)) : string.Empty);
            word = random.Next(3) == 0 ? word.ToUpperInvariant() : word;

            var expected = Enumerable.Range(3, Math.Max(0, word.Length - 3))
                .SelectMany(at => infixes.Where(t => Spells(word.Substring(at), t)))
                .Distinct().Select(t => t.Text).OrderBy(t => t, StringComparer.Ordinal).ToList();
            var actual = new List<SpecialCategoryLexicon.Term>();
            SpecialTermIndex.InfixMatches(word.AsSpan(), actual);
            Assert.Equal(expected, actual.Select(t => t.Text).OrderBy(t => t, StringComparer.Ordinal).ToList());
            found += expected.Count > 0 ? 1 : 0;
        }

        // Both answers are asked for often enough to mean something.
        Assert.InRange(found, 4_000, 16_000);

        static bool Spells(string rest, SpecialCategoryLexicon.Term term)
        {
            string stem = term.Words[0];
            return rest.StartsWith(stem, StringComparison.OrdinalIgnoreCase)
                && (term.Prefix || rest.Equals(stem, StringComparison.OrdinalIgnoreCase) || term.Forms.Any(f => rest.Equals(f, StringComparison.OrdinalIgnoreCase)));
        }

        static string ChangeLetter(string stem, int at, string letters, Random random)
        {
            var chars = stem.ToCharArray();
            chars[at] = letters[random.Next(letters.Length)];
            return new string(chars);
        }
    }
}
