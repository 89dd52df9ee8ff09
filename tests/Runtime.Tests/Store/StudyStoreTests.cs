using System.Globalization;
using ItemEval.Runtime.Store;

namespace ItemEval.Runtime.Tests.Store;

public sealed class StudyStoreTests
{
    [Fact]
    public void The_store_caps_DuckDB_memory_so_a_big_study_spills_instead_of_failing()
    {
        using var temp = new TempStore();

        // DuckDB's default is 80% of the machine's RAM; it reports the setting in MiB or GiB.
        var setting = (string)temp.Store.Connection.Scalar("SELECT current_setting('memory_limit')")!;
        var parts = setting.Split(' ');
        var mebibytes = double.Parse(parts[0], CultureInfo.InvariantCulture) * (parts[1] == "GiB" ? 1024 : 1);

        Assert.Equal("MiB", parts[1]);
        Assert.InRange(mebibytes, 256, 1024);
    }
}
