// Function words of Finnish (standard and spoken) and English, in folded form (no umlauts).
// They carry no topic, so they neither match entries nor count against coverage. General
// linguistic lists, not tuned to any FAQ.

const FI = `ja tai etta et ettei mutta mut kun ku jos niin nii koska kuin vaan vain myos myo seka eli
ole olen olet on ollaan olemme olette ovat oli olin olit olimme olivat ollut ollu olleet olis olisi
oisko onko onks oliko olisko ei en et emme ette eivat eika enka
mina ma mun mulla mulle multa mua minun minulla minulle minua minut minusta
sina sa sun sulla sulle sua sinun sinulla sinulle sinua sinut
han se sen sita siita sille silla siina siihen ne niiden niita niille ja
me mei meidan meille meita meilla meilta te teidan teille teita teilla teilta teidat teilt teil
he heidan niitten tama tan tata tassa tasta tahan tama nama naiden noi noita toi ton tuo tuon tuota
joka jonka jota jossa josta johon jotka joita mika mita mitka mik mita miks miksi mista missa mihin
miten kuinka millainen milla mille voiko voinko voisinko voitteko voiks voisko voisitteko saako saanko
saako saisinko saisko pitaako pitaisiko taytyyko onkse onko
voi voin voit voimme voivat voisi saa saan saat saisi pitaa pitaisi pitais pitaisko taytyy kannattaa kannattaako
ihan tosi vahan viela jo nyt sitten sit nyt siis kylla joo juu no niinku tota noh vai
hei moi moikka terve heippa hello hyvaa paivaa iltaa huomenta kiitos kiitti kiitoksia
kaikki kaikkea mitaan mikaan jotain jotakin joku jokin jossain kanssa ilman koko
mist mis mil minka kenen ketka kuka kun kuitenkin kyl kyllahan eiko eiks ois olla
tullu menny oot tuun meen mul sul meil meian teian vaa niinku kans oisko vois voisin voitko voisitko
`;

const EN = `a an the and or but if so because as than then that this these those there here
i me my mine we us our you your yours he him his she her it its they them their
am is are was were be been being do does did doing done have has had having
can could will would shall should may might must dont doesnt didnt cant wont isnt arent
of to in on at by for with from into about over under up down out off again
what which who whom whose when where why how whats hows
not no yes ok okay please pls just also still already too very really some any all
hi hello hey thanks thank thx bye goodbye
get got im ive id youre theres its until till
wheres whos thats lets ill youll weve theyre wasnt werent havent hasnt hadnt wouldnt couldnt shouldnt
`;

// Everyday words of time, quantity and attitude: frequent in any message ("I ordered yesterday,
// I would really like to know…"). Where the FAQ uses one ("per month") it counts; where it does
// not, its absence says nothing (unlike a rarer word the FAQ lacks, which says "not our topic").
const COMMON = `eilen tanaan huomenna viime ensi viikko viikolla viikon kuukausi vuosi paiva paivaa aamulla illalla
just juuri heti taas aina koskaan usein joskus pian kohta ennen jalkeen vasta
haluan haluaisin haluun halusin tarvitsen tarviin tarvitsisin tiedan tietaa tietaisin tiia tieda kysyisin kysya
katsoa katsoo katson kattoo kattoa katon
kaks kolme yks yksi kaksi muutama paljon vahan monta kiva hyva
yesterday today tomorrow last next week weeks month months year day days morning evening
now soon already ago before after always never often sometimes
want wanted would like need needed know wondering wonder ask asking question tell
one two three few many much lot lots little good great nice certain sure
taa tan tata naa noi toi oo oon ootte oli enaa itse vaikka ikina koskaan sit sitte kans myos viela
menna menee meni mennyt tulla tulee tuli tullut tehda teen tein teki tehnyt nahda naen naan nakee nakyy
sanoa sanoo sanoi ottaa otin antaa annoin pitaa laittaa saada sain ostaa ostin ostettu tilasin
bring brought say says said tell told get got put make made come came go went leave left keep kept
guy guys love like want need thing things stuff way really actually maybe
`;

export const STOPWORDS: ReadonlySet<string> = new Set(`${FI} ${EN}`.split(/\s+/).filter(Boolean));

/** Question words and everyday words: informative where an FAQ uses them, noise where it does not. */
export const SOFT_WORDS: ReadonlySet<string> = new Set(
  `kauan kauanko paljon paljonko montako milloin long when ${COMMON}`.split(/\s+/).filter(Boolean),
);
