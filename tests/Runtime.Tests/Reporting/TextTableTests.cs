using ItemEval.Runtime.Reporting;

namespace ItemEval.Runtime.Tests.Reporting;

public sealed class TextTableTests
{
    [Fact]
    public void Aligns_columns_and_right_aligns_numbers()
    {
        var lines = TextTable.Render(["condition", "done"], [["a-long-name", "7"], ["b", "120"]]);

        Assert.Equal("condition    done", lines[0]);
        Assert.Equal("a-long-name     7", lines[2]);
        Assert.Equal("b             120", lines[3]);
    }
}
