using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Detection.Discovery;
using Xunit;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>The lexicon's lookup by characters: every key finds its own value, and nothing else finds any.</summary>
public class SpanKeyedMapTests
{
    [Fact]
    public void Every_key_finds_its_value_and_no_other_text_finds_one()
    {
        // Many keys of a few letters, so that slots collide and probes run on; keys that are prefixes of one another.
        var random = new Random(7);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        while (items.Count < 3000)
        {
            string key = new string(Enumerable.Range(0, random.Next(1, 7)).Select(_ => "abcæøåé"[random.Next(7)]).ToArray());
            items[key] = items.Count + 1;
        }

        var map = new SpanKeyedMap<int>(items);
        foreach (var (key, value) in items)
        {
            // Looked up inside a longer text, as the scanner does: the span, not the string.
            string text = "[" + key + "]";
            Assert.Equal(value, map.Get(text.AsSpan(1, key.Length)));
            Assert.Equal(0, map.Get((key + "zz").AsSpan()));
        }

        // Any other text: what the dictionary says (ordinal: "ABC" is not "abc").
        for (int i = 0; i < 20_000; i++)
        {
            string probe = new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => "abcæøåéA"[random.Next(8)]).ToArray());
            Assert.Equal(items.TryGetValue(probe, out int expected) ? expected : 0, map.Get(probe.AsSpan()));
        }

        Assert.Equal(0, map.Get("zzz".AsSpan()));
        Assert.Equal(0, map.Get(ReadOnlySpan<char>.Empty));
        Assert.Null(new SpanKeyedMap<string>(new Dictionary<string, string>()).Get("a".AsSpan()));
    }
}
