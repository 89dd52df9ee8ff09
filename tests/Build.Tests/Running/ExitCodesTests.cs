using ItemEval.Build.Running;

namespace ItemEval.Build.Tests.Running;

public sealed class ExitCodesTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true, "IEV0401")]
    [InlineData(1, false)]
    [InlineData(1, true, "IEV0503")]
    [InlineData(1, false, "MSB4018")]
    [InlineData(2, false, "IEV0101")]
    [InlineData(2, false, "IEV0203")]
    [InlineData(2, false, "IEV0501")]
    [InlineData(3, false, "IEV0301")]
    [InlineData(4, false, "IEV0302")]
    [InlineData(4, false, "IEV0303")]
    [InlineData(4, false, "IEV0101", "IEV0302")]
    [InlineData(2, false, "IEV0301", "IEV0103")]
    [InlineData(3, false, "IEV0401", "IEV0301")]
    public void Codes_map_to_the_documented_exit_status(int expected, bool succeeded, params string[] codes)
    {
        Assert.Equal(expected, ExitCodes.From(codes, succeeded));
    }
}
