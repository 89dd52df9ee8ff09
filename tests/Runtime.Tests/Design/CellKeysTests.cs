using ItemEval.Runtime.Config;
using ItemEval.Runtime.Datasets;
using ItemEval.Runtime.Design;
using ItemEval.Runtime.Hashing;

namespace ItemEval.Runtime.Tests.Design;

/// <summary>
/// The per-condition keyer ExpandGrid uses must give exactly the keys of the full serialization: a stored cell whose
/// key changed would run again and be paid twice.
/// </summary>
public sealed class CellKeysTests
{
    private static readonly SourceLocation Here = SourceLocation.Start("study.yaml");

    public static TheoryData<string> ItemHashes => new()
    {
        ContentHash.OfText("an item"),
        "h1",
        "not+plain/\"ascii\" é <b>",
        "",
        CellKeyTemplate.ItemSentinel,
    };

    [Theory]
    [MemberData(nameof(ItemHashes))]
    public void The_keyer_of_a_condition_gives_the_keys_of_the_full_serialization(string itemHash)
    {
        var item = new Item("quiz", "1", "a", "1", [], "numeric", new Dictionary<string, string>(), itemHash);
        foreach (var condition in Conditions())
        {
            var keyOf = CellKeys.ForCondition(condition);
            foreach (var epoch in new[] { 1, 2, 10, 987654321, 987654320, int.MaxValue, 0, -1 })
            {
                Assert.Equal(CellKeys.For(item, condition, epoch), keyOf(item, epoch));
            }
        }
    }

    [Fact]
    public void The_epoch_and_the_item_each_change_the_key()
    {
        var condition = Conditions()[0];
        Assert.NotNull(CellKeys.TemplateOf(condition)); // the fast path, not the fallback, is what this compares
        var keyOf = CellKeys.ForCondition(condition);
        var first = new Item("quiz", "1", "a", "1", [], "numeric", new Dictionary<string, string>(), "aaaa");
        var second = first with { ContentHash = "aaab" };

        Assert.NotEqual(keyOf(first, 1), keyOf(first, 2));
        Assert.NotEqual(keyOf(first, 1), keyOf(second, 1));
    }

    private static List<Condition> Conditions()
    {
        var options = new Dictionary<string, string> { ["reasoning"] = "high \"quoted\" <tag> & é", ["base_url"] = "http://localhost:1" };
        var models = new[]
        {
            new ModelConfig("mock/a", [new LaneConfig("cold", new LaneParameters(Temperature: 0.0), Here)], new Dictionary<string, string>(), Here),
            new ModelConfig("vendor/model+1", [new LaneConfig("hot", new LaneParameters(Temperature: 1.5, MaxTokens: 987654321), Here), new LaneConfig("plain", LaneParameters.None, Here)], options, Here),
        };
        PromptTemplate[] templates = [new("direct", "x", null, ContentHash.OfText("x")), new("cot", "y {input}", null, ContentHash.OfText("y"))];
        return [.. from model in models from lane in model.Lanes from template in templates select new Condition($"{model.Id}-{lane.Name}-{template.Name}", model, lane, template)];
    }
}
