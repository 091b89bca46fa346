using System;
using System.Text;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

public class CandidateFinderTests
{
    [Fact]
    public void Finds_the_same_next_candidate_as_a_plain_search_from_every_position_a_walk_can_ask_from()
    {
        // Texts of 0 to 200 characters (the finder classifies blocks of 16 and keeps the last block's bits); positions asked
        // in order with steps of 0 to 40, as the scan walks, and now and then one further back or anywhere.
        string[] pieces = { "a", "Z", " ", "0", "9", "+", "@", ":", "/", ";", "é", "\u0660", "\uFF10", "-", "\n", "ab", "12", "x@y", "10:19" };
        var random = new Random(20261201);
        int asked = 0;
        for (int round = 0; round < 2000; round++)
        {
            var sb = new StringBuilder();
            int length = random.Next(0, 200);
            while (sb.Length < length)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            string text = sb.ToString();
            var finder = new CandidateFinder(text);
            int from = 0;
            for (int call = 0; call < 30; call++)
            {
                from = random.Next(10) == 0 ? random.Next(text.Length + 1) : Math.Min(text.Length, from + random.Next(41));
                Assert.True(Plain(text, from) == finder.Next(from), $"round {round}: from {from} in \"{text}\"");
                asked++;
            }
        }

        Assert.Equal(2000 * 30, asked);
    }

    private static int Plain(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] is (>= '0' and <= '9') or '+' or '@' or ':')
            {
                return i;
            }
        }

        return -1;
    }
}
