// Data, one file on purpose: the anonymiser's word lists read best together (not split).
/**
 * Compact word lists for the anonymiser (issue 14 §3). Written for this project; nothing is copied
 * from deduce (GPL-3). Everything is stored folded: lower case, diacritics removed (see `fold`).
 *
 * - FIRST_NAMES: given names of many origins common in Dutch neighbourhoods (Dutch, Frisian,
 *   Moroccan/Arabic, Turkish, Surinamese/Hindustani, Antillean, Polish, Syrian, Eritrean,
 *   Somali, Ghanaian, Ukrainian, Bulgarian/Romanian …).
 * - SURNAMES: frequent surnames in the Netherlands plus frequent surnames of the same origins.
 * - COMMON_WORDS: frequent Dutch words; a name that is also a common word ("Roos", "Bos",
 *   "Hoop", "Mark") is only taken as a name in context (capital mid-sentence, a title or a
 *   relation word before it, a surname after it).
 */
const words = (list: string): ReadonlySet<string> =>
  new Set(
    list
      .split(/\s+/)
      .map((word) => word.trim())
      .filter(Boolean),
  );

export const FIRST_NAMES = words(`
  jan piet kees henk gerrit willem johannes hendrik cornelis pieter klaas dirk jacob jacobus
  theo bert ton wim jos joop gert harm jeroen sander bas thijs daan sem lucas finn levi noah
  luuk milan jesse bram tim tom ruben stijn lars max thomas niels koen joris wouter maarten
  martijn mark marco michel erik rik rick dennis patrick kevin robin roy mike dave vincent
  arjen arie rob ron rene frank paul peter hans johan ger kim anne anna emma sophie julia lisa
  lotte sanne eva iris fleur roos noor sara sarah fenna tess zoe mila nina lieke femke anouk
  marloes esther ingrid monique marieke petra sandra linda wendy kelly priscilla chantal
  bianca jolanda marianne annemarie anne-marie marie maria mieke truus trees riet ria nel
  corrie joke gerda hennie willemijn janneke ilse inge manon mirjam yvonne ellen karin
  kirsten jantine gea hilde ans annie bep dini tineke diny jannie greet mies lies liesbeth
  elise elisabeth laura charlotte floor isa lynn yara lara luna evi jasmijn sofie hanna
  jelle sjoerd sietse wiebe tjitske geertje fokje froukje hylke jildou douwe tjeerd
  mohamed mohammed muhammad mohammad ahmed ahmet achmed ali hassan hussein youssef yusuf
  youssouf omar umar ibrahim ismail ismael khalid karim mustafa mustapha said saida rachid
  rashid abdel abdelkader abdellah abdullah abderrahim hamza bilal anass anas ayoub amine
  mehdi nordin soufiane redouan reda tarik tariq yassin yassine zakaria adam ilias ilyas
  younes imad driss samir nabil walid jamal jamila fatima fatma fadoua khadija aicha aisha
  aïcha amina halima hafsa malika naima nadia najat samira soumaya zineb zeynep yasmina
  yasmin salma sanae meryem maryam mariam ikram imane ilham latifa loubna hanane houda
  hajar nora noura rania dounia ghizlane kaoutar siham wafae leila layla asma asmae
  mehmet murat mustafa huseyin emre burak can cem deniz kemal kerem okan orhan osman serkan
  tolga volkan yusuf ayse ayşe elif emine esra fatmagul gul gülay hatice havva hulya kübra
  kubra merve melike nur ozlem özlem sevgi sibel songul tugba yeliz yildiz zehra derya
  ebru hande selin ipek sinem buse berk baris barış cansu furkan enes eren arda ege kaan
  yigit yiğit hakan ilker ercan erdal recep levent gokhan gökhan sadik sadık
  ravi radj radjesh rajesh sunil anil shanti sita kiran priya anjali rakesh sharmila
  ashwin dewi indra soekarni roshni vikash navin kavita sarita usha nisha chandra
  quincy dwayne clarence ruthmila shirley jurgen jurgen ludmila marvin jermaine roel
  gilbert humphrey ivanildo juliette rosalie rosemarie rignald orlando edsel endy
  piotr pawel paweł tomasz krzysztof marcin michal michał lukasz łukasz jakub kamil
  mateusz grzegorz agnieszka katarzyna malgorzata małgorzata magdalena ewa joanna
  dorota barbara zofia aleksandra kasia basia gosia wojciech andrzej
  yousef yusef mahmoud ahmad khaled rami samer tarek fadi hadi nour noor rasha reem
  rim dima lina hiba alaa amal hala huda rana ranya ghada sana mais bayan ayham
  abdulrahman abdulla mohannad qusay wael ziad firas hassan hussam majd anas
  yonas yohannes dawit tesfay tesfaye kidane berhane filmon semhar selam helen saba
  rahwa luwam senait mehret mekdes aster almaz tsega tsegay tekle haben winta yordanos
  abdi abdirahman abdullahi hodan fartun ayaan farah hamdi warsame mahad ilhan
  kwame kofi kwabena kwaku yaw ama akosua abena efua adjoa
  oksana olena olga iryna natalia nataliya tetiana yulia svitlana andriy oleksandr
  dmytro serhiy mykola volodymyr ivan vasyl bogdan
  ionut ion andrei mihai elena ioana georgi ivanka petar stefan dimitar
  chen wei li ming mei ling hui
  jozef josef mario luis jose maria manuel carlos pedro juan ana rosa carmen
  gijs pim tobias sven job teun hugo mees jip guus siem bente saar nova liv sophia
  olivia mia ella maud evie yfke
  henk-jan jan-willem jan-peter
`);

export const SURNAMES = words(`
  jong jansen vries bakker visser smit meijer meyer boer mulder groot bos vos peters
  hendriks leeuwen dekker brink dijk berg wit dijkstra jacobs vermeulen heuvel veen kok
  graaf broek bosch linden janssen willems wal schouten haan kuipers huisman vliet
  hoekstra maas verhoeven koster prins blom leeuw postma kramer beek vermeer schipper
  sluis smits bosman wijk kuiper mol hermans veenstra peeters groen lange scholten
  jonker meer brouwer gerritsen martens kaya yilmaz yılmaz demir sahin şahin celik çelik
  yildiz yıldız yildirim yıldırım ozturk öztürk aydin aydın ozdemir özdemir arslan dogan
  doğan kilic kılıç aslan cetin çetin kara koc koç kurt ozkan özkan simsek şimşek polat
  erdogan erdoğan korkmaz
  amrani bouzid benali bouali elmoussaoui moussaoui ouali idrissi alaoui haddou hamdaoui
  boukhari chakir ziani tahiri bakkali azzouzi benhaddou chaouch mansouri mahdaoui
  ouahabi aziz hassani bouazza ammi khattabi jabri karimi
  sewnath ramdin ramcharan jagesar soekhai mahabier baldew bisoen bhagwandin ramsaran
  kalloe nankoe lachmon sitaldin
  martina martis rosaria isenia pietersz leito maduro lopes daal
  kowalski kowalska nowak wisniewski wiśniewski wojcik wójcik kaminski kamińska lewandowski
  zielinski szymanski wozniak dabrowski kozlowski jankowski mazur krawczyk
  alhassan alahmad almohammad alali hamoud haddad khalil ibrahim hussein kassem
  tekle gebremedhin tesfamariam haile ghebremariam berhe kidane weldemariam
  mohamud warsame abdi farah
  shevchenko kovalenko bondarenko tkachenko kravchenko melnyk
  popescu ionescu popa dimitrov ivanov georgiev petrov
  akkerman reinders timmer wolters zijlstra lammers nijhuis everts dekkers
`);

/** Tussenvoegsels: lower-case particles between first name and surname. */
export const PARTICLES = words(`
  van de der den het 't ter ten von da di del della dos du la le el al ben bin bou ould
`);

/** Words that put a person name after them: titles and forms of address. */
export const TITLES = words(`
  mevrouw mevr mw mvr meneer mr dhr heer juf juffrouw meester mijnheer dr drs ir ing prof
  ds pastoor imam dokter fam familie ms mrs mister madam
`);

/** Relation and role words that are often followed by a first name ("zoon Daan", "oma Trees"). */
export const RELATIONS = words(`
  moeder vader mama papa mam pap zoon dochter broer zus zusje broertje zoontje dochtertje
  oma opa tante oom neef nicht vriend vriendin partner ex-partner ex man vrouw echtgenoot
  echtgenote stiefvader stiefmoeder stiefzoon stiefdochter schoonmoeder schoonvader buurvrouw
  buurman collega mentor jongen meisje kind kinderen baby peuter kleinzoon kleindochter
  vriendje vriendinnetje halfbroer halfzus pleegvader pleegmoeder pleegzoon pleegdochter
  cliënt client cliente cliënte klant bewoner inbrenger begeleider casusregisseur regisseur
  jeugdconsulent consulent wijkagent huisarts maatschappelijk werker jongerenwerker
  ambulant coach hulpverlener schuldhulpverlener bewindvoerder voogd gezinsvoogd
  jeugdbeschermer intern begeleider ib'er ib-er zorgcoördinator docent leerkracht
  collega's
`);

/**
 * Frequent Dutch words (folded). Used to keep names that are also words from being taken as
 * names without context, and to keep ordinary capitalised words (sentence starts, headings)
 * from being flagged.
 */
export const COMMON_WORDS = words(`
  de het een en van in is op te dat die voor met zijn niet aan er om ook als bij maar nog
  wel uit naar dan of door over ze zij hij ik je jij we wij u jullie hun hem haar mijn
  jouw ons onze uw men wat wie waar wanneer hoe waarom welke welk dit deze daar hier toen
  nu al zo meer veel weinig geen alle alles iets niets iemand niemand elk elke ieder iedere
  heeft hebben had hadden was waren wordt worden werd werden kan kunnen kon konden zal
  zullen zou zouden moet moeten moest moesten mag mogen mocht wil willen wilde gaat gaan
  ging gingen komt komen kwam kwamen doet doen deed staat staan stond ligt liggen lag zegt
  zeggen zei zeiden geeft geven gaf gaven vindt vinden vond krijgt krijgen kreeg ziet zien
  zag weet weten wist houdt houden hield blijft blijven bleef lijkt lijken leek maakt maken
  maakte neemt nemen nam woont wonen woonde werkt werken werkte heb hebt ben bent
  tot na sinds tijdens zonder tegen tussen onder boven achter naast binnen buiten via per
  volgens rond omdat want dus toch even weer eerst daarna daarom daarnaast verder ook
  echter bovendien vooral alleen samen altijd nooit soms vaak meestal vandaag gisteren
  morgen straks later eerder laatst volgende vorige nieuwe nieuw oude oud goed goede slecht
  groot grote klein kleine lang lange kort korte hoog laag jong jonge eigen ander andere
  zelf erg heel zeer best beter minder meest eens ja nee misschien waarschijnlijk
  afgelopen komende week weken maand maanden jaar jaren dag dagen uur uren keer keren
  ochtend middag avond nacht moment tijd datum begin einde
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april
  mei juni juli augustus september oktober november december feb mrt apr jun jul aug
  sep sept okt nov dec
  moeder vader mama papa ouders ouder kind kinderen zoon dochter broer zus gezin familie
  oma opa tante oom neef nicht vriend vriendin partner ex man vrouw buurman buurvrouw
  meisje jongen baby collega collega's school werk huis woning thuis kamer straat buurt
  wijk stad dorp gemeente land
  gesprek gesprekken afspraak afspraken overleg huisbezoek bezoek telefonisch contact
  verslag notitie notities aanwezig afwezig afgemeld voorzitter notulist agenda actie
  acties besluit besluiten vraag vragen antwoord doel doelen plan plannen zorgen zorg
  krachten kracht situatie probleem problemen hulp ondersteuning signalen signaal risico
  veiligheid onveiligheid inzet hulpverlening aanmelding melding casus casussen casuïstiek
  casuistiek inbreng inbrenger vervolg evaluatie terugkoppeling advies adviezen analyse
  feiten feit voorbereiding conclusie samenvatting achtergrond aanleiding stand zaken
  huisarts school juf meester mentor docent leerkracht wijkteam wijkagent politie
  schulden schuld geld inkomen uitkering huur huurachterstand energie rekening rekeningen
  budget bewindvoering budgetbeheer schuldhulp schuldhulpverlening
  gezondheid ziek ziekte psychisch psychische verslaving alcohol drugs medicatie
  opname behandeling therapie diagnose
  opvoeding opvoedondersteuning gedrag boos verdrietig angstig bang moe blij rustig druk
  spanning spanningen ruzie geweld conflict conflicten scheiding
  taal nederlands nederlandse arabisch turks engels pools tolk
  eten slapen school werk vrije tijd sport voetbal zwemmen muziek
  huiswerk rapport klas groep leerjaar verzuim leerplicht leerplichtambtenaar
  goed prima redelijk matig slecht zwaar lastig moeilijk makkelijk belangrijk duidelijk
  onduidelijk rustig stabiel instabiel positief negatief
  wel niet geen nog al ook maar toch dus want omdat
  mevrouw meneer heer dhr mw mevr
  eerste tweede derde vierde vijfde zesde laatste
  een twee drie vier vijf zes zeven acht negen tien elf twaalf twintig dertig honderd
  uitgenodigd besproken afgesproken gevraagd gezegd verteld aangegeven gemeld gebeld
  gemaild gesproken gezien geweest gekomen gegaan gedaan gemaakt gekregen gehad
  vertelt vertelde geeft gaf belt belde mailt mailde spreekt sprak vraagt vroeg
  zegt zei denkt dacht voelt voelde ervaart ervaarde merkt merkte wil wilde kan kon
  graag liever snel langzaam direct meteen binnenkort voorlopig opnieuw nogmaals
  hoop roos bos mark visser koster bakker smit kok boer prins haan vos wit groen
  groot klein lange jong jonge berg brink beek dijk veen broek heuvel meer kramer
  schipper mulder brouwer dekker winter zomer lente herfst storm zon maan ster
  dag nacht vrede liefde geluk rust kracht
  april mei juni juli augustus
  stap stappen ronde rondes fase fasen vervolgstappen
  actiepunt actiepunten besluitenlijst actielijst
  zie zien kijk kijken let letten kort
  daarbij waarbij waarvan waardoor waarmee hierbij hiervan hierdoor daarvan daardoor
  iedereen allemaal beide beiden sommige sommigen velen weinigen
  bijvoorbeeld oftewel namelijk inmiddels intussen ondertussen tenslotte uiteindelijk
  helaas gelukkig natuurlijk zeker eigenlijk gewoon echt vooral steeds wederom
  mogelijk onmogelijk nodig noodzakelijk
  onze hun zijn haar mijn jouw jullie
  ok oke oké top thx hoi hey hallo hee doei groetjes ff effe even nvt n.v.t.
  nb ps pm
  verder tevens tot slot ten slotte
  oma's opa's
  gezinsleden gezinslid netwerk betrokkenen betrokken professionals professional
  jeugdhulp jeugdzorg wmo participatiewet jeugdwet meldcode
  rechter kinderrechter rechtbank zitting advocaat bewindvoerder curator mentor
  woningcorporatie verhuurder corporatie
  uitslag onderzoek rapportage indicatie beschikking
  betreft adres postadres tel telefoon telefoonnummer mail email e-mail contactpersoon
  achteraf hmm hm uhm eh nou tja jeetje pff oei
  belastingdienst gemeente stadskantoor stadhuis wijkcentrum consultatiebureau
  ghanees ghanese syrisch marokkaans turks pools eritrees somalisch afghaans iraaks
  koerdisch surinaams antilliaans nederlander nederlanders
  kind cliënt client cliente klant bewoner gezinsvoogd jeugdconsulent
  kortom overigens trouwens vervolgens eenmaal allereerst tenslotte
  zoals omdat hoewel terwijl zodat zodra nadat voordat totdat alsof indien mits
  mijn leervraag casusinbreng inbrengvraag
`);

/** Capitalised words and abbreviations that are never names: domain terms and national bodies. */
export const NON_NAMES = words(`
  mdo wmo zrm jgz cjg ggd uwv svb cak duo cbr bsn iban kvk ggz lvb adhd ass pdd-nos ptss
  ocd veilig thuis raad kinderbescherming rvdk jeugdbescherming politie openbaar ministerie
  om halt wijkteam sociaal team buurtteam jeugdteam gebiedsteam
  jeugdwet participatiewet wmo wet meldcode afwegingskader signs safety viervensters
  nederland nederlands nederlandse marokko marokkaanse marokkaans turkije turkse turks
  suriname surinaamse surinaams syrie syrië syrische eritrea eritrese polen poolse pools
  oekraine oekraïne oekraiense oekraïense somalie somalië somalische ghana ghanese
  curacao curaçao curacaose curaçaose antillen antilliaanse arabisch arabische engels
  engelse duits duitse frans franse tigrinya koerdisch koerdische berber amazigh
  islam islamitische christelijk christelijke ramadan kerst pasen suikerfeest offerfeest
  covid corona whatsapp teams zoom facebook instagram tiktok snapchat google outlook
  digid mijnoverheid
  verslag notulen agenda aanwezig afwezig afgemeld actie acties besluit besluiten
  voorzitter notulist datum tijd locatie onderwerp vervolg inbreng feiten zorgen krachten
  vraag plan doelen evaluatie terugblik samenvatting conclusie advies analyse
  ik wij we hij zij ze jij je u het de een dit dat die deze
  ok oké nb ps
  huisartsenpost spoedeisende hulp seh ic
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  januari februari maart april mei juni juli augustus september oktober november december
  incidentmethode roddelmethode balint balint-methode
  ambulant ambulante gezinscoach gezinsbegeleider gezinsbegeleiding
  thuiszorg dagbesteding beschermd wonen maatschappelijke opvang
  leerplicht leerplichtambtenaar
  moeder vader
`);

/** Street-name endings that make a capitalised word a street even without a house number. */
export const STRONG_STREET_SUFFIXES = [
  'straat',
  'laan',
  'weg',
  'plein',
  'gracht',
  'kade',
  'singel',
  'dijk',
  'dreef',
  'steeg',
  'plantsoen',
];

/** Street-name endings for address detection. */
export const STREET_SUFFIXES = [
  ...STRONG_STREET_SUFFIXES,
  'markt',
  'boulevard',
  'allee',
  'hof',
  'pad',
  'park',
  'baan',
  'wal',
  'burgwal',
  'erf',
  'ring',
  'veld',
  'haven',
  'hoven',
  'oord',
  'hage',
  'dam',
  'kwartier',
  'poort',
  'gaarde',
  'straatweg',
  'zoom',
];

/** Words that introduce a school, care or youth institution name after them. */
export const INSTITUTION_TYPES = words(`
  basisschool obs cbs rkbs pcbs ikc kindcentrum sbo so vso school scholengemeenschap
  college lyceum gymnasium mavo havo vwo vmbo roc mbo hogeschool kinderopvang kdv bso
  peuterspeelzaal peuteropvang opvang huisartsenpraktijk praktijk gezondheidscentrum
  ziekenhuis kliniek apotheek woningcorporatie corporatie zorginstelling instelling
  stichting jeugdzorgaanbieder zorgaanbieder sportclub voetbalclub vereniging moskee kerk
  buurthuis wijkcentrum dagbesteding kinderdagverblijf crèche creche
`);

/**
 * A gazetteer of named institutions that point to a region: GGZ and youth-care providers,
 * hospitals, housing corporations, debt-help banks, welfare organisations. Multi-word names are
 * matched as phrases, case- and diacritics-insensitively.
 */
export const INSTITUTIONS: readonly string[] = [
  // GGZ and addiction care
  'Parnassia',
  'Parnassia Groep',
  'GGZ Centraal',
  'GGZ inGeest',
  'GGZ Delfland',
  'GGZ Rivierduinen',
  'GGZ Noord-Holland-Noord',
  'GGZ Oost Brabant',
  'GGz Breburg',
  'GGzE',
  'GGZ Friesland',
  'GGZ Drenthe',
  'GGZ Noord-Nederland',
  'Arkin',
  'Lentis',
  'Altrecht',
  'Pro Persona',
  'Dimence',
  'Mondriaan',
  'Emergis',
  'Reinier van Arkel',
  'Yulius',
  'Karakter',
  'Accare',
  'De Bascule',
  'Brijder',
  'Jellinek',
  'Tactus',
  'Novadic-Kentron',
  'Victas',
  'Antes',
  'Bouman GGZ',
  'Mentrum',
  'iHUB',
  'Fivoor',
  'Mentaal Beter',
  'PsyQ',
  'Indigo',
  // youth care and protection (regional)
  'Levvel',
  'Youz',
  'Pluryn',
  'Timon',
  'Lindenhout',
  'Entrea',
  'Entrea Lindenhout',
  'Het Raster',
  'Jeugdbescherming West',
  'Jeugdbescherming Brabant',
  'Jeugdbescherming Gelderland',
  'Jeugdbescherming Noord',
  'Jeugdbescherming Amsterdam',
  'Jeugdbescherming Rotterdam Rijnmond',
  'Samen Veilig Midden-Nederland',
  'William Schrikker Stichting',
  'William Schrikker Groep',
  'Horizon Jeugdzorg',
  'Spirit Jeugd',
  'Juzt',
  'Oosterpoort',
  'Kompaan en De Bocht',
  'Jeugdformaat',
  'Cardea',
  'Enver',
  'Flexus Jeugdplein',
  'Xonar',
  'Rubicon Jeugdzorg',
  'Trajectum',
  "'s Heeren Loo",
  'Ipse de Bruggen',
  'Philadelphia',
  'Cordaan',
  'Amerpoort',
  'Abrona',
  'Sherpa',
  'Prinsenstichting',
  'Esdégé-Reigersdaal',
  'Middin',
  'Gemiva',
  'ASVZ',
  // welfare, debt help, shelter
  'Kwadraad',
  'Vivenz',
  'Careyn',
  'Zuidzorg',
  'Buurtzorg',
  'Humanitas',
  'Stadsbank Oost Nederland',
  'Kredietbank Nederland',
  'Kredietbank Rotterdam',
  'Plangroep',
  'Kredietbank West-Brabant',
  'Kredietbank Limburg',
  'Stichting Sociaal Raadslieden',
  'Leger des Heils Rotterdam',
  'Centrum Maliebaan',
  'Kessler Stichting',
  'Stichting Anton Constandse',
  'Dock',
  'Welzijn Lokaal',
  'Incluzio',
  'Wijkracht',
  'Radar Uitvoering',
  'Sociaal Wijkteam Noord',
  'ContourdeTwern',
  'Farent',
  'Welzijnskwartier',
  // hospitals
  'Erasmus MC',
  'Sophia Kinderziekenhuis',
  'UMC Utrecht',
  'Wilhelmina Kinderziekenhuis',
  'Amsterdam UMC',
  'LUMC',
  'Radboudumc',
  'UMCG',
  'Maastricht UMC+',
  'Maasstad Ziekenhuis',
  'Ikazia',
  'Franciscus Gasthuis',
  'Isala',
  'OLVG',
  'Rijnstate',
  'Antonius Ziekenhuis',
  'Meander Medisch Centrum',
  'Jeroen Bosch Ziekenhuis',
  'Catharina Ziekenhuis',
  'Máxima MC',
  'Spaarne Gasthuis',
  'HagaZiekenhuis',
  'Haaglanden MC',
  'Reinier de Graaf',
  'Albert Schweitzer ziekenhuis',
  'Gelre ziekenhuizen',
  'Medisch Spectrum Twente',
  'Martini Ziekenhuis',
  'Zuyderland',
  'Amphia',
  'Elkerliek',
  'Tergooi MC',
  'Diakonessenhuis',
  'Deventer Ziekenhuis',
  // housing corporations
  'Ymere',
  'Vestia',
  'Woonstad',
  'Woonstad Rotterdam',
  'Havensteder',
  'Woonbron',
  'Portaal',
  'Eigen Haard',
  'Stadgenoot',
  'De Key',
  'Rochdale',
  'Mitros',
  'Bo-Ex',
  'Staedion',
  'Vidomes',
  'Haag Wonen',
  'Wonen Limburg',
  'Woonzorg Nederland',
  'Lefier',
  'Talis',
  'Vivare',
  'Woonbedrijf',
  'Trudo',
  'Domijn',
  'Welbions',
  'Parteon',
  'Elan Wonen',
  'Woonwaard',
  'Wooncompagnie',
  'Com.wonen',
  // schools with names that do not follow a type word
  'Montessori Lyceum Rotterdam',
  'Wolfert van Borselen',
  'Zadkine',
  'Albeda',
  'Albeda College',
  'ROC Mondriaan',
  'ROC van Amsterdam',
  'ROC Midden Nederland',
  'Graafschap College',
  'Deltion',
  'Noorderpoort',
  'Da Vinci College',
  'Hoornbeeck',
  'Calvijn College',
  'Emmauscollege',
  'Comenius College',
  'Lentiz',
];

/**
 * Place names (residences above a village, plus frequent wijken): identifying below country level
 * (security-research §3.2). A compact list; unknown place names are flagged as candidates.
 */
export const PLACES: readonly string[] = [
  'Amsterdam',
  'Rotterdam',
  'Den Haag',
  "'s-Gravenhage",
  'Utrecht',
  'Eindhoven',
  'Groningen',
  'Tilburg',
  'Almere',
  'Breda',
  'Nijmegen',
  'Apeldoorn',
  'Arnhem',
  'Haarlem',
  'Enschede',
  'Amersfoort',
  'Zaanstad',
  'Zaandam',
  'Haarlemmermeer',
  "'s-Hertogenbosch",
  'Den Bosch',
  'Zwolle',
  'Zoetermeer',
  'Leiden',
  'Leeuwarden',
  'Maastricht',
  'Dordrecht',
  'Ede',
  'Alphen aan den Rijn',
  'Westland',
  'Alkmaar',
  'Emmen',
  'Delft',
  'Venlo',
  'Deventer',
  'Sittard-Geleen',
  'Helmond',
  'Oss',
  'Amstelveen',
  'Hilversum',
  'Heerlen',
  'Nissewaard',
  'Spijkenisse',
  'Schiedam',
  'Vlaardingen',
  'Capelle aan den IJssel',
  'Gouda',
  'Purmerend',
  'Lelystad',
  'Roosendaal',
  'Hoorn',
  'Assen',
  'Veenendaal',
  'Zeist',
  'Nieuwegein',
  'Hengelo',
  'Velsen',
  'IJmuiden',
  'Katwijk',
  'Kerkrade',
  'Doetinchem',
  'Bergen op Zoom',
  'Almelo',
  'Barendrecht',
  'Ridderkerk',
  'Rijswijk',
  'Diemen',
  'Houten',
  'Woerden',
  'Harderwijk',
  'Kampen',
  'Tiel',
  'Culemborg',
  'Gorinchem',
  'Vlissingen',
  'Middelburg',
  'Terneuzen',
  'Goes',
  'Den Helder',
  'Heerhugowaard',
  'Hoogvliet',
  'Charlois',
  'Feijenoord',
  'Delfshaven',
  'IJsselmonde',
  'Ommoord',
  'Kanaleneiland',
  'Overvecht',
  'Lombok',
  'Bijlmer',
  'Bijlmermeer',
  'Slotervaart',
  'Osdorp',
  'Geuzenveld',
  'Schilderswijk',
  'Transvaal',
  'Moerwijk',
  'Laakkwartier',
  'Woensel',
  'Presikhaaf',
  'Malburgen',
  'Hatert',
  'Vinkhuizen',
  'Selwerd',
  'Paddepoel',
  'Lewenborg',
  'Tarwewijk',
  'Carnisse',
  'Bloemhof',
  'Hillesluis',
  'Afrikaanderwijk',
  'Spangen',
  'Oude Westen',
  'Pendrecht',
  'Zuidwijk',
  'Lombardijen',
  'Kralingen',
  'Crooswijk',
];
