using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// The regular inflections of a lexicon word in English, Danish and Dutch: the forms a clerk writes for the same thing
/// (definite, plural, genitive, an adjective's endings), so "kræft" also matches "kræften", "huisarts" "huisartsen",
/// "a-kasse" "a-kassen" and "illness" "illnesses". Forms are made by rule, so some are not words at all; they match
/// nothing. A form that is a word of another meaning ("vast" -> "vaste", "geloof" -> "geloven") is why an entry can
/// opt out in the lexicon (a trailing '='). Irregular forms (Danish "tillidsfolk") are lexicon entries of their own.
/// </summary>
internal static class Inflections
{
    private const string Vowels = "aeiouyæøåéëèêïöüáóú";

    // Danish: common and neuter nouns, definite and plural, with the genitive s; an adjective's -e and -t.
    private static readonly string[] DanishAfterConsonant = { "s", "e", "es", "en", "et", "er", "ene", "erne", "ens", "ets", "ers", "enes", "ernes", "t" };
    private static readonly string[] DanishAfterE = { "n", "t", "r", "s", "ns", "ts", "rs", "ne", "rne", "nes", "rnes" };
    private static readonly string[] DanishDoubled = { "e", "en", "et", "er", "ene", "erne", "ens", "ets", "ers", "enes", "ernes" };

    /// <summary>The forms of <paramref name="word"/> (lower case) other than itself in <paramref name="language"/> (en, da, nl).</summary>
    public static string[] Of(string word, string language)
    {
        if (word.Length < 3 || !word.All(char.IsLetter))
        {
            return Array.Empty<string>();
        }

        var forms = new List<string>();
        switch (language)
        {
            case "da":
                Danish(word, forms);
                break;
            case "nl":
                Dutch(word, forms);
                break;
            case "en":
                English(word, forms);
                break;
        }

        return forms.Where(f => !string.Equals(f, word, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
    }

    private static bool IsVowel(char c) => Vowels.IndexOf(c) >= 0;

    /// <summary>A short vowel before one final consonant doubles it before an ending that starts with a vowel (bøn -> bønnen, pil -> pillen).</summary>
    private static bool Doubles(string word) =>
        !IsVowel(word[word.Length - 1]) && IsVowel(word[word.Length - 2]) && !IsVowel(word[word.Length - 3]) && word[word.Length - 1] is not ('w' or 'x' or 'j');

    private static void Danish(string word, List<string> forms)
    {
        forms.AddRange((word[word.Length - 1] == 'e' ? DanishAfterE : DanishAfterConsonant).Select(ending => word + ending));
        if (Doubles(word))
        {
            forms.AddRange(DanishDoubled.Select(ending => word + word[word.Length - 1] + ending));
        }
    }

    private static void Dutch(string word, List<string> forms)
    {
        char last = word[word.Length - 1];
        if (word.EndsWith("ee", StringComparison.Ordinal) || word.EndsWith("ie", StringComparison.Ordinal))
        {
            forms.Add(word + "ën"); // moskee -> moskeeën, olie -> oliën
        }

        if (last == 'e')
        {
            forms.Add(word + "n");
            forms.Add(word + "s");
            return;
        }

        if (IsVowel(last))
        {
            return; // a plural in 's is a word and an apostrophe: the word itself matches
        }

        forms.Add(word + "s");
        // Unstressed -el, -em, -en and -er (a consonant before the e) take -s only: kanker -> kankers ("kankeren" is
        // another verb); rolstoel, dier and been are stressed and take -en.
        if (last is 'l' or 'm' or 'n' or 'r' && word[word.Length - 2] == 'e' && !IsVowel(word[word.Length - 3]))
        {
            return;
        }

        // A long vowel written twice before the final consonant is written once before an ending (jood -> joden,
        // miskraam -> miskramen), and a final f or s becomes v or z (brief -> brieven, huis -> huizen).
        // A short vowel doubles the consonant instead (straf -> straffen), except in the words whose vowel grows long
        // (verbod -> verboden, bad -> baden): both are made.
        var bodies = new List<string>();
        if (word.Length >= 4 && word[word.Length - 2] == word[word.Length - 3] && word[word.Length - 2] is 'a' or 'e' or 'o' or 'u')
        {
            bodies.Add(word.Substring(0, word.Length - 2) + last);
        }
        else
        {
            bodies.Add(word);
            if (Doubles(word))
            {
                bodies.Add(word + last);
            }
        }

        if (last is 'f' or 's' && !Doubles(word))
        {
            bodies.Add(bodies[0].Substring(0, bodies[0].Length - 1) + (last == 'f' ? "v" : "z"));
        }

        foreach (string body in bodies)
        {
            forms.Add(body + "en");
            forms.Add(body + "e");
        }
    }

    private static void English(string word, List<string> forms)
    {
        char last = word[word.Length - 1];
        if (last == 'y' && !IsVowel(word[word.Length - 2]))
        {
            forms.Add(word.Substring(0, word.Length - 1) + "ies"); // surgery -> surgeries
            return;
        }

        bool sibilant = last is 's' or 'x' or 'z' || word.EndsWith("ch", StringComparison.Ordinal) || word.EndsWith("sh", StringComparison.Ordinal);
        forms.Add(word + (sibilant || (last == 'o' && !IsVowel(word[word.Length - 2])) ? "es" : "s"));
        if (last == 'o')
        {
            forms.Add(word + "s"); // manifestos and manifestoes
        }
    }
}
