package corpus

import (
	"math"
	"math/rand/v2"
	"sort"
)

// institution is an organiser of livestreams. Names are chosen so that
// vitrine's slug and Hugo's term path agree (no apostrophes), and include
// accents and a name in Chinese, as a real archive would.
type institution struct {
	name, slug, city, country, url string
	profile                        bool // has a content/institutions file
}

type platform struct {
	name, slug, owner, launched, url, country string
	profile                                   bool
}

var institutions = []*institution{
	{"Musée du Louvre", "musee-du-louvre", "Paris", "France", "https://www.louvre.fr/", true},
	{"British Museum", "british-museum", "London", "United Kingdom", "https://www.britishmuseum.org/", true},
	{"Museo Nacional del Prado", "museo-nacional-del-prado", "Madrid", "Spain", "https://www.museodelprado.es/", true},
	{"Château de Versailles", "chateau-de-versailles", "Versailles", "France", "https://www.chateauversailles.fr/", true},
	{"Victoria and Albert Museum", "victoria-and-albert-museum", "London", "United Kingdom", "https://www.vam.ac.uk/", true},
	{"Centre Pompidou", "centre-pompidou", "Paris", "France", "https://www.centrepompidou.fr/", true},
	{"Natural History Museum", "natural-history-museum", "London", "United Kingdom", "https://www.nhm.ac.uk/", true},
	{"Rijksmuseum", "rijksmuseum", "Amsterdam", "Netherlands", "https://www.rijksmuseum.nl/", true},
	{"Gallerie degli Uffizi", "gallerie-degli-uffizi", "Florence", "Italy", "https://www.uffizi.it/", true},
	{"Metropolitan Museum of Art", "metropolitan-museum-of-art", "New York", "United States", "https://www.metmuseum.org/", true},
	{"故宫博物院", "故宫博物院", "Beijing", "China", "https://www.dpm.org.cn/", true},
	{"National Museum of China", "national-museum-of-china", "Beijing", "China", "https://www.chnmuseum.cn/", true},
	{"Shanghai Museum", "shanghai-museum", "Shanghai", "China", "", true},
	{"Musée Rodin", "musee-rodin", "Paris", "France", "https://www.musee-rodin.fr/", true},
	{"Kunsthistorisches Museum", "kunsthistorisches-museum", "Vienna", "Austria", "", false},
	{"Berliner Philharmoniker", "berliner-philharmoniker", "Berlin", "Germany", "", false},
	{"Teatro alla Scala", "teatro-alla-scala", "Milan", "Italy", "", false},
	{"Tokyo National Museum", "tokyo-national-museum", "Tokyo", "Japan", "", false},
	{"Museum of Fine Arts Boston", "museum-of-fine-arts-boston", "Boston", "United States", "", false},
	{"Sanxingdui Museum", "sanxingdui-museum", "Guanghan", "China", "", false},
}

var platforms = []*platform{
	{"Fliggy", "fliggy", "Alibaba Group", "2019-12", "https://www.fliggy.com/", "China", true},
	{"Kuaishou", "kuaishou", "Kuaishou Technology", "2011", "https://www.kuaishou.com/", "China", true},
	{"Taobao Live", "taobao-live", "Alibaba Group", "2016-05", "https://www.taobao.com/", "China", true},
	{"Douyin", "douyin", "ByteDance", "2016-09", "https://www.douyin.com/", "China", true},
	{"Bilibili", "bilibili", "Bilibili Inc.", "2009-06-26", "https://www.bilibili.com/", "China", true},
	{"Weibo", "weibo", "Sina Corporation", "2009-08", "https://weibo.com/", "China", true},
	{"WeChat Channels", "wechat-channels", "Tencent", "2020-spring", "", "China", false},
	{"YouTube", "youtube", "Google", "2005", "", "United States", false},
	{"Instagram Live", "instagram-live", "Meta", "2016-11", "", "United States", false},
	{"Xiaohongshu", "xiaohongshu", "Xingin", "2013", "", "China", false},
}

var tagNames = []string{
	"virtual tourism", "first livestream", "paintings", "antiquities", "palaces",
	"sculpture", "natural history", "dinosaurs", "design", "fashion",
	"ceramics", "calligraphy", "music", "opera", "concert",
	"behind the scenes", "curator talk", "e-commerce", "conservation", "archaeology",
	"photography", "modern art", "contemporary art", "gardens", "architecture",
	"children", "festival", "Lunar New Year", "exhibition opening", "文物",
}

// picker draws from a list with a Zipf-like skew: the first items are
// the commonest, as a few names dominate any real archive.
type picker[T any] struct {
	items []T
	cum   []float64
}

func newPicker[T any](items []T, skew float64) picker[T] {
	p := picker[T]{items: items, cum: make([]float64, len(items))}
	total := 0.0
	for i := range items {
		total += 1 / math.Pow(float64(i+1), skew)
		p.cum[i] = total
	}
	for i := range p.cum {
		p.cum[i] /= total
	}
	return p
}

func (p picker[T]) pick(rng *rand.Rand) T {
	x := rng.Float64()
	return p.items[min(len(p.items)-1, sort.SearchFloat64s(p.cum, x))]
}

var (
	institutionPick = newPicker(institutions, 0.8)
	platformPick    = newPicker(platforms, 1.0)
	tagPick         = newPicker(tagNames, 0.7)
)

var topics = []string{
	"a night tour of the sculpture galleries", "the first live visit for viewers in China",
	"behind the scenes with the conservators", "the masterpieces in two hours",
	"a curator's walk through the new wing", "treasures of the imperial collection",
	"the gardens in spring", "a concert in the great hall", "dinosaurs after dark",
	"an evening with the restorers", "the exhibition opens online", "a children's tour",
	"the reserve collections", "the palace apartments", "calligraphy and ink painting",
	"fashion from the archives", "the Lunar New Year special", "the modern collection",
	"a livestream sale of museum goods", "the architecture of the building",
	"ancient bronzes up close", "a quiet morning before opening", "photographs of a century",
	"ceramics from the kilns of Jingdezhen", "the opera season preview",
}

var durations = []string{"45m", "1h", "1h30m", "2h", "2h", "90m", "1h15m", "3h", "2h 30m", "40m"}

var languages = [][]string{{"zh"}, {"zh"}, {"zh"}, {"zh", "en"}, {"en"}, {"fr", "zh"}, {"zh-Hans"}, {"es"}, {"ja", "zh"}}

var hosts = []string{
	"Li Wei", "Zhang Min", "Wang Fang", "Chen Jing", "Liu Yang", "Huang Lei", "Zhao Li", "Zhou Xin",
	"Claire Dubois", "Marc Lefèvre", "Sophie Martin", "Julien Moreau", "Emma Thompson-Hale", "Oliver Grant",
	"Isabel García", "Javier Ruiz", "Giulia Rossi", "Marco Bianchi", "Anna Schmidt", "Lukas Weber",
	"Sarah Cohen", "David Park", "Yuki Tanaka", "Kenji Sato", "Amira Haddad", "Tom Becker",
	"Nina Petrova", "Ana Costa", "Pieter de Vries", "Hannah Müller",
}

var highlights = []string{
	"Venus de Milo", "Mona Lisa, by Leonardo da Vinci", "Crown Jewels", "The Winged Victory of Samothrace",
	"The Rosetta Stone", "The Parthenon sculptures", "Las Meninas, by Velázquez", "The Garden of Earthly Delights",
	"The Hall of Mirrors", "The Queen's Hamlet", "The Night Watch", "The Milkmaid, by Vermeer",
	"The Birth of Venus, by Botticelli", "The Thinker", "The Gates of Hell", "Hope the blue whale",
	"Dippy the diplodocus", "The Cast Courts", "The Raphael Cartoons", "Along the River During the Qingming Festival",
	"The Hall of Supreme Harmony", "Bronze masks of Sanxingdui", "The Ardabil Carpet", "Water Lilies, by Monet",
	"The Great Wave off Kanagawa", "The Temple of Dendur", "Washington Crossing the Delaware", "Tutankhamun's chariot",
	"Blue-and-white porcelain of the Ming dynasty", "The terracotta warriors", "A Jin dynasty jade belt",
	"The Lewis Chessmen", "The Sutton Hoo helmet", "Guernica, by Picasso", "The Kiss, by Klimt",
	"The Tower of Babel, by Bruegel", "The Portland Vase", "A Song dynasty landscape scroll",
	"The Raft of the Medusa", "Liberty Leading the People", "The Coronation of Napoleon", "The Lady and the Unicorn",
	"Mozart's Requiem", "Beethoven's Ninth Symphony", "Verdi's Nabucco", "Puccini's Turandot",
	"The tyrannosaurus skeleton", "The mineral gallery", "The Chinese export silver", "The Fabergé eggs",
}

var publishers = []string{
	"Jing Culture & Commerce", "Le Clic France", "The Art Newspaper", "Xinhua", "South China Morning Post",
	"Artnet News", "Le Monde", "The Guardian", "China Daily", "Museums Association", "Sixth Tone", "El País",
}

var seriesNames = []string{"Museum Nights", "Cloud Tours", "Spring Festival Live", "Curators at Home", "Open Storage"}
