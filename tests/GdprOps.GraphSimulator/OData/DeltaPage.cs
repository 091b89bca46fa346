using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GdprOps.GraphSimulator.OData;

/// <summary>
/// One page of a delta round: the changes in sequence order, then a nextLink ($skiptoken) while more remain,
/// or the deltaLink that starts the next round. The round's state travels inside the tokens.
/// </summary>
internal static class DeltaPage
{
    public static JsonObject Build(string context, string link, List<(long Sequence, JsonNode Json)> changes, JsonObject state, string deltaParameter)
    {
        int offset = (int)state["o"]!;
        int top = (int)state["t"]!;
        // A stable order: entries of one sequence keep the order they were added in (a repeated item's stale copy first).
        var ordered = changes.OrderBy(c => c.Sequence).ToList();
        changes.Clear();
        changes.AddRange(ordered);
        var body = new JsonObject
        {
            ["@odata.context"] = context,
            ["value"] = new JsonArray(changes.Skip(offset).Take(top).Select(c => c.Json.DeepClone()).ToArray()),
        };
        if (offset + top < changes.Count)
        {
            state["o"] = offset + top;
            body["@odata.nextLink"] = $"{link}?$skiptoken={PageTokens.Encode(state)}";
        }
        else
        {
            state["o"] = 0;
            body["@odata.deltaLink"] = $"{link}?{deltaParameter}={PageTokens.Encode(state)}";
        }

        return body;
    }
}
