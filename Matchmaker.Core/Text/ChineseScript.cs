namespace Matchmaker.Core.Text;

/// <summary>
/// Folds common traditional characters to simplified ones, so a posting or a paper from Taiwan or Hong Kong meets the
/// same terms. A short table of characters frequent in technical text, not a full converter: cheap, and it covers
/// the words the ranker cares about (材料, 檢測, 纖維, 電池 …).
/// </summary>
internal static class ChineseScript
{
    private const string Pairs =
        "體体 機机 電电 設设 計计 術术 學学 專专 業业 產产 際际 與与 發发 開开 關关 處处 數数 據据 統统 優优 質质 應应 環环 " +
        "護护 廠厂 農农 藥药 醫医 療疗 檢检 測测 標标 準准 線线 網网 絡络 資资 訊讯 號号 導导 熱热 層层 紡纺 織织 纖纤 維维 " +
        "塗涂 膠胶 鋁铝 鋼钢 鐵铁 銅铜 鎂镁 鋰锂 儲储 氣气 溫温 濕湿 壓压 變变 換换 轉转 動动 態态 傳传 製制 裝装 備备 視视 " +
        "覺觉 圖图 預预 報报 監监 試试 驗验 證证 書书 規规 範范 確确 認认 積积 顆颗 燒烧 結结 構构 築筑 橋桥 樑梁 車车 輛辆 " +
        "運运 輸输 貨货 價价 務务 經经 濟济 營营 銷销 買买 賣卖 藝艺 師师 門门 問问 題题 顯显 實实 現现 區区 縣县 鎮镇 鄉乡 " +
        "園园 樹树 種种 養养 魚鱼 蝦虾 蟲虫 葉叶 莖茎 蘋苹 麥麦 穀谷 糧粮 飼饲 豬猪 雞鸡 鴨鸭 遙遥 衛卫 飛飞 艙舱 無无 風风 " +
        "險险 點点 雲云 邊边 緣缘 軟软 庫库 歐欧 國国 東东 華华 漢汉 語语 詞词 譯译 絲丝 紗纱 綿绵 纜缆 鍍镀 鑄铸 鋸锯 齒齿 " +
        "輪轮 軸轴 節节 級级 組组 細细 劑剂 臨临 審审 評评 壽寿 災灾 滅灭 廢废 淨净 濾滤 費费";

    private static readonly Dictionary<char, char> Map = Build();

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        foreach (var pair in Pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (pair.Length == 2 && pair[0] != pair[1]) map[pair[0]] = pair[1];
        return map;
    }

    /// <summary>The text with the table's traditional characters replaced; the same instance when there are none.</summary>
    public static string ToSimplified(string text)
    {
        int first = -1;
        for (var i = 0; i < text.Length; i++)
            if (Map.ContainsKey(text[i])) { first = i; break; }
        if (first < 0) return text;
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
            if (Map.TryGetValue(chars[i], out var simplified)) chars[i] = simplified;
        return new string(chars);
    }
}
