using System.Text;

namespace TldOps.Core.Tests.Registry;

/// <summary>
/// Reads the comma-separated files of the cctld-lists corpus (RFC 4180: quoted fields may hold
/// commas, doubled quotes and line breaks, as some TLD manager names in IANA's data do).
/// </summary>
internal static class CorpusCsv
{
    /// <summary>The rows of <paramref name="path"/> as dictionaries keyed by the header's column names.</summary>
    public static List<Dictionary<string, string>> Read(string path)
    {
        var records = Split(File.ReadAllText(path, Encoding.UTF8));
        var header = records[0];
        var rows = new List<Dictionary<string, string>>(records.Count - 1);
        foreach (var record in records.Skip(1))
        {
            if (record.Count != header.Count)
            {
                throw new InvalidDataException($"{path}: a record has {record.Count} fields, the header {header.Count}.");
            }

            rows.Add(header.Zip(record).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    private static List<List<string>> Split(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }

        return records;
    }
}
