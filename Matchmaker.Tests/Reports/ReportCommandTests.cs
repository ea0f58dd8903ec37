using Matchmaker.Tests.Api;
using Matchmaker.Tests.Storage;
using MiniExcelLibs;

namespace Matchmaker.Tests.Reports;

/// <summary><c>report kpi</c> as analysts run it: the Api executable in a child process, on a database of its own with the demo data.</summary>
public class ReportCommandTests
{
    [Test]
    public void Writes_the_kpi_report_to_a_file_in_each_format_and_refuses_bad_usage()
    {
        using var database = new TestDatabase();
        var xlsx = Path.Combine(Path.GetTempPath(), $"kpi-{Guid.NewGuid():N}.xlsx");
        var html = Path.ChangeExtension(xlsx, ".html");
        try
        {
            var (table, shown, _) = CommandLine.Run(["report", "kpi", "--from", "2025-01-01", "--to", "2026-12-31", .. database.CommandLine]);
            var (wroteXlsx, _, _) = CommandLine.Run(["report", "kpi", "--format", "xlsx", "--lang", "en", "--out", xlsx, .. database.CommandLine]);
            var (wroteHtml, _, _) = CommandLine.Run(["report", "kpi", "--format", "html", "--out", html, .. database.CommandLine]);
            var (json, output, _) = CommandLine.Run(["report", "kpi", "--format", "json", "--region", "德清", .. database.CommandLine]);
            var unwritable = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "kpi.csv");
            var (failed, _, said) = CommandLine.Run(["report", "kpi", "--format", "csv", "--out", unwritable, .. database.CommandLine]);

            Assert.Multiple(() =>
            {
                Assert.That(table, Is.Zero);
                Assert.That(shown, Does.Contain("发布难题").And.Contain("专家走访（人次）"));
                Assert.That(wroteXlsx, Is.Zero);
                Assert.That(MiniExcel.GetSheetNames(xlsx), Does.Contain("Total").And.Contain("Monthly").And.Contain("Society"));
                Assert.That(wroteHtml, Is.Zero);
                Assert.That(File.ReadAllText(html), Does.StartWith("<!DOCTYPE html>").And.Contain("<svg id=\"trend\""));
                Assert.That(json, Is.Zero);
                Assert.That(System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("query").GetProperty("region").GetString(), Is.EqualTo("德清"));
                Assert.That(failed, Is.EqualTo(1), "a folder that does not exist");
                Assert.That(said, Does.Contain("could not write").And.Contain(unwritable));
                Assert.That(CommandLine.Run(["report", "kpi", "--format", "xlsx", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "xlsx needs a file");
                Assert.That(CommandLine.Run(["report", "kpi", "--from", "2026-13-01", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "a bad date");
                Assert.That(CommandLine.Run(["report", "kpi", "--expert-kind", "wizard", .. database.CommandLine]).ExitCode, Is.EqualTo(2), "a bad kind");
            });
        }
        finally
        {
            File.Delete(xlsx);
            File.Delete(html);
        }
    }
}
