// The general lexicon behind lexicon.ts: 793 groups of Finnish (standard, spoken, slang) and
// English words that mean the same thing in customer service, in 21 domains from parcels to vet
// care. Written for Kohtaamo from knowledge of the two languages, by an author who saw no FAQ
// and no visitor query of any evaluation set; evaluation data never went into it. One group a
// line, words separated by commas, `#` lines head the domains. Server-side only: bundles carry
// just the aliases their FAQ can use (tests/bundle-size.test.ts keeps it out of the widget).
export const LEXICON = `
# orders, delivery and parcels
tilaus, tilata, tilaaminen, order, ordering, orders
tilausnumero, tilaustunnus
tilausvahvistus, vahvistus, vahvistaa, vahvistusviesti, confirmation, confirm
tilaushistoria, ostohistoria
ennakkotilaus, ennakkomyynti, preorder, pre-order
jälkitoimitus, backorder, back-order
toimitus, toimittaa, toimittaminen, delivery, deliver, delivering
lähetys, shipment, consignment, dispatch
paketti, postipaketti, pkt, parcel, package
pakettiautomaatti, pakettikaappi, pakettiboksi, locker
noutopiste, noutopaikka, jakelupiste
nouto, noutaa, pickup, pick-up, collect, collection
myymälänouto, clickandcollect, click&collect
seuranta, seurata, lähetysseuranta, tracking, track
seurantakoodi, seurantanumero, lähetystunnus, lähetysnumero
toimitusmaksu, toimituskulu, toimituskulut, postikulu, postikulut, postimaksu, lähetyskulu, postage
kotiinkuljetus, kotiintoimitus, kotiinkanto
pikatoimitus, pikalähetys, kiirelähetys, express
kuriiri, lähetti, courier, messenger
postinkantaja, postimies, postiljooni, postari, postman, mailman, postie
posti, mail, post
postitoimisto, postikonttori, posti, postoffice
kirje, kirjeet, letter, letters
osoite, osoitetiedot, address
postinumero, postcode, postalcode, zipcode, zip
osoitteenmuutos, osoitemuutos, muuttoilmoitus
toimitusosoite, lähetysosoite
vastaanottaja, saaja, recipient, receiver, consignee
vastaanottaa, vastaanotettu, receive, received
saapumisilmoitus, noutoilmoitus, saapumisviesti, arrivalnotice
rahti, rahtikulut, freight, cargo
kuljetusliike, kuljetusyhtiö, rahdinkuljettaja, carrier, haulier
pakkaus, pakata, paketointi, packaging, packing, pack
laatikko, pahvilaatikko, boksi, box, carton
myöhästyä, myöhästyminen, myöhässä, viivästys, viivästyä, viive, delay, delayed, late
kadota, kadonnut, hukassa, hävitä, hävinnyt, lost, missing
osatoimitus, osittaistoimitus, osalähetys
varasto, warehouse, storage
varastotilanne, varastosaldo, stock, inventory
saatavuus, saatavilla, availability, available
loppuunmyyty, loppunut
tulli, tullaus, tulliselvitys, customs
tullimaksu, tullimaksut, duty, duties, tariff
verkkokauppa, nettikauppa, verkkopuoti, nettishop, webshop, webstore, ecommerce, e-commerce
ostoskori, ostoskärry, kori, cart, basket
kassa, checkout
ostaa, osto, ostos, ostokset, hankkia, hankinta, purchase, buy, buying
myydä, myynti, sell, selling, sales
tuote, tuotteet, artikkeli, product, products, item
tavara, tavarat, kama, goods, stuff
toivelista, suosikit, wishlist, favourites, favorites
etsiä, etsintä, hakea, haku, search, seek
kuitti, ostokuitti, tosite, receipt

# returns, refunds and complaints
palautus, palauttaa, palauttaminen, return, returns, returning
palautuslappu, palautustarra, palautusetiketti
palautusehdot, palautuskäytäntö
vaihto, vaihtaa, vaihtaminen, exchange, swap
hyvitys, hyvittää, rahanpalautus, takaisinmaksu, refund, refunded, refunding
hyvityslasku, hyvitysnota
korvaus, korvata, compensation, compensate, reimbursement, reimburse, payout
peruuttaa, perua, peruutus, peruminen, peruuttaminen, cancel, cancellation, cancelled, canceled, cancelation
peruutusmaksu, peruutuskulu, peruutuskulut
peruuttamisoikeus, peruutusoikeus, katumisoikeus, katumisaika, withdrawal
reklamaatio, reklamoida, valitus, valittaa, complaint, complain, complaints
palaute, palautteet, feedback
arvostelu, arvio, tuotearvostelu, arvostella, review, rating
tyytymätön, pettynyt, dissatisfied, disappointed, unhappy
kuluttajariitalautakunta, krl
kuluttaja, kuluttajat, consumer, consumers
rikki, rikkinäinen, hajalla, hajonnut, paskana, broken
viallinen, vioittunut, defective, faulty
vika, viat, fault, defect, malfunction
vaurio, vaurioitunut, vahingoittunut, damage, damaged
kuljetusvaurio, kuljetusvahinko
virhe, moka, mokata, error, mistake
väärä, virheellinen, wrong, incorrect, erroneous
puuttua, puuttuva, vajaa, puutteellinen, incomplete
takaisinveto, takaisinkutsu, recall
takaisinveloitus, veloituksenpalautus, chargeback

# payments, invoices, instalments, debt collection
maksu, maksaa, maksaminen, payment, pay, paying
maksutapa, maksutavat, maksuvaihtoehto
lasku, laskut, invoice, bill
laskutus, laskuttaa, billing, invoicing
e-lasku, elasku, verkkolasku, e-invoice
paperilasku, paperilaskutus, postilasku
laskutuslisä, laskutusmaksu, paperilaskumaksu
suoramaksu, suoraveloitus
eräpäivä, erääntymispäivä, erääntyä, maksupäivä, due
maksumuistutus, muistutuslasku, karhu, karhukirje
muistutus, muistuttaa, muistutusviesti, reminder, remind
viivästyskorko, viivekorko
korko, korot, interest
osamaksu, erämaksu, maksuerä, osamaksusopimus, instalment, installment, instalments, installments
kuukausierä, kk-erä, kuukausilyhennys
maksujärjestely, maksusuunnitelma, maksusopimus
lykkäys, lykätä, maksunlykkäys, maksuaika, lisäaika, postpone, postponement, defer, deferral
tilisiirto, pankkisiirto
viitenumero, viite, viitetieto, reference
tilinumero, iban
velka, velat, velallinen, debt, debts, debtor, owe
perintä, velanperintä, perintätoimisto, perintäyhtiö, perijä, inkasso, inkassotoimisto
ulosotto, ulosottomies, ulosottovirasto, enforcement, bailiff
maksuhäiriö, maksuhäiriömerkintä, luottotietomerkintä
luottotiedot, luottotieto, luottokelpoisuus, creditworthiness
velkaneuvonta, talousneuvonta
veloitus, veloittaa, veloitukset, charge, charged, debit
kaksoisveloitus, tuplaveloitus, tuplaveloitettu
tilitapahtuma, maksutapahtuma, tapahtuma, transaction, transactions
tiliote, tilitapahtumat, statement
maksamaton, maksamattomat, unpaid, outstanding, overdue
epäonnistua, epäonnistunut, epäonnistuminen, failed, fail, failure, unsuccessful
hyväksyä, hyväksyntä, hyväksytty, approve, approval, approved, accept, acceptance, accepted
hylätä, hylkäys, hylätty, kielteinen, reject, rejection, rejected, decline, declined
ennakkomaksu, etumaksu, käsiraha, prepayment, upfront
vakuus, vakuusmaksu, takuuvuokra, vuokravakuus, deposit, collateral
käteinen, käteisraha, cash
raha, rahat, fyrkka, massi, rahna, hilut, pätäkkä, money
euro, eurot, eur, euros
valuutta, valuutat, currency, currencies
mobiilimaksu, mobiilimaksaminen, mobilepay
lähimaksu, lähimaksaminen, contactless, nfc
joustoluotto, tililuotto, luottotili
palkka, palkat, liksa, tili, salary, wage, wages, paycheck, paycheque
vero, verot, verotus, tax, taxes, taxation
arvonlisävero, alv, vat
tasauslasku, tasauslaskutus, tasaus

# prices, fees, discounts, offers
hinta, hinnat, hinnoittelu, hintataso, price, prices, pricing
hinnasto, hintalista, taksa, rates
kustannus, kustannukset, kulu, kulut, cost, costs, expense, expenses
maksu, fee, fees
lisämaksu, lisäkulu, lisäkustannus, lisähinta, surcharge, extra
palvelumaksu, käsittelymaksu, käsittelykulu
avausmaksu, aloitusmaksu, perustamismaksu, käyttöönottomaksu, liittymismaksu
kuukausimaksu, kk-maksu, kuukausihinta, kuukausiveloitus
jäsenmaksu, jäsenmaksut, dues
ilmainen, maksuton, veloituksetta, ilmaiseksi, ilmasta, free, complimentary
kallis, hintava, tyyris, expensive, pricey, costly
halpa, edullinen, huokea, cheap, inexpensive, affordable
alennus, hinnanalennus, alennettu, discount, discounted, reduction
ale, alet, alennusmyynti, loppuunmyynti, tyhjennysmyynti, sale, clearance
alennuskoodi, alekoodi, kampanjakoodi, etukoodi, promokoodi
kuponki, alennuskuponki, coupon, voucher
lahjakortti, lahjaseteli
tarjous, hintatarjous, tarjouspyyntö, quote, quotation, offer
tarjous, kampanja, promootio, diili, promotion, promo, campaign, deal, offer
etu, edut, jäsenetu, benefit, benefits, perk, perks
bonus, bonusraha, ostohyvitys, cashback
pisteet, bonuspisteet, kanta-asiakaspisteet, points
hintatakuu, hintalupaus
hinnankorotus, hinnannousu, korotus, korottaa
kustannusarvio, hinta-arvio, kuluarvio, arvio, estimate
opiskelija-alennus, opiskelijahinta

# accounts, login, passwords, personal data, privacy
tili, tilit, account, accounts
käyttäjätili, asiakastili
käyttäjä, käyttäjät, user, users
tunnus, käyttäjätunnus, käyttäjänimi, tunnari, tunnarit, tunnukset, username, userid, credentials
kirjautua, kirjautuminen, sisäänkirjautuminen, loggautua, logata, loggaus, login, log-in, logon, signin, sign-in
uloskirjautuminen, logout, log-out, logoff, signout, sign-out
salasana, salasanat, passwd, pw, password, passcode, passphrase
pin, pin-koodi, pinkoodi, tunnusluku, pincode, pin-code
puk, puk-koodi, pukkoodi, puk-code
koodi, koodit, code, codes
vahvistuskoodi, varmennuskoodi, tunnistuskoodi, kertakäyttökoodi, turvakoodi, otp
2fa, mfa, kaksivaiheinen, twofactor, two-factor, multifactor
tunnistautua, tunnistautuminen, tunnistaminen, authentication, authenticate, identification, verify, verification
pankkitunnukset, verkkopankkitunnukset, nettipankkitunnukset, pankkitunnarit, bankid
mobiilivarmenne, mobiilitunnistus
unohtaa, unohtunut, unohtui, forget, forgot, forgotten
nollata, nollaus, resetoida, resetointi, reset
lukko, lukita, lukitus, lukittu, lukossa, lock, locked, lockout
rekisteröityä, rekisteröidä, rekisteröinti, rekisteröityminen, register, registration, signup, sign-up
aktivoida, aktivointi, käyttöönotto, activate, activation, enable
deaktivoida, deaktivointi, deactivate, deactivation, disable
poistaa, poisto, poistaminen, deletoida, delete, deletion, remove, removal
profiili, käyttäjäprofiili, profile
asetukset, asetus, säädöt, settings, setting, preferences
omasivu, omasivut, asiakasportaali, portaali, extranet, portal, mypage, mypages
itsepalvelu, omapalvelu, selfservice, self-service
verkkoasiointi, nettiasiointi, asiointipalvelu, e-asiointi, eservice, e-service
henkilötiedot, henkilötieto, pii
henkilötunnus, hetu, sotu, sosiaaliturvatunnus, ssn
syntymäaika, birthdate, dob
etunimi, forename
sukunimi, surname
tietosuoja, yksityisyys, yksityisyydensuoja, privacy, gdpr
tietosuojaseloste, tietosuojailmoitus, tietosuojakäytäntö, rekisteriseloste
suostumus, suostua, consent
eväste, evästeet, keksi, keksit, cookie, cookies
tietoturva, tietoturvallisuus, kyberturva, kyberturvallisuus, security, cybersecurity
tietomurto, tietovuoto, breach
hakkerointi, hakkeroida, hakkeroitu, murrettu, hack, hacked, hacking
virus, haittaohjelma, haittaohjelmat, troijalainen, kiristyshaittaohjelma, malware, trojan, ransomware
kalastelu, tietojenkalastelu, kalasteluviesti, huijausviesti, phishing, smishing
roskaposti, roskapostit, spämmi, spam, junk
valtakirja, valtuutus, valtuuttaa, poa, authorisation, authorization, proxy
luvaton, luvattomasti, unauthorised, unauthorized
uutiskirje, uutiskirjeet, newsletter, newsletters
mainos, mainokset, mainostaa, mainonta, ad, ads, advert, advertisement, advertising, commercial
ilmoitus, ilmoittaa, tiedote, tiedotus, notification, notify, notice, announcement
push-ilmoitus, pushilmoitus, notifikaatio, push
päivitys, päivittää, update, updating, updated
muutos, muuttaa, change, modify, modification, amend, amendment
muokata, muokkaus, editoida, edit, editing

# contact, opening hours, phone, email, chat, visits, appointments, booking
asiakaspalvelu, asiakastuki, tuki, support, helpdesk
käyttäjätuki, it-tuki, ittuki, atk-tuki, mikrotuki
palvelunumero, asiakaspalvelunumero, tukinumero, hotline, helpline
yhteystiedot, yhteystieto, contact, contacts
yhteydenotto, yhteydenottopyyntö, yhteydenottolomake
tukipyyntö, palvelupyyntö, tiketti, tukitiketti, ticket
pyyntö, pyytää, request, requests
lomake, kaavake, verkkolomake, form
kysymys, kysymykset, kysyä, kyssäri, question, questions, ask
kysely, tiedustelu, tiedustella, inquiry, enquiry, query
vastaus, vastata, vastaukset, answer, reply, response, respond
ukk, faq, faqs
ohje, ohjeet, ohjeistus, instructions, instruction, howto
käyttöohje, käyttöopas, opas, manual, handbook, guide
neuvonta, neuvo, neuvoa, advice, advise, guidance
apu, auttaa, avustaa, help, assist, assistance
ongelma, ongelmat, pulma, hankaluus, problem, problems, issue, issues, trouble
ratkaisu, ratkaista, solution, solve, resolve, resolution
sähköposti, sähköpostiosoite, s-posti, sposti, meili, maili, meilata, mailata, email, e-mail
puhelin, luuri, phone, telephone
puhelinnumero, puhelinnro, puhnro, puh, tel
numero, numerot, nro, nr, number, num
soittaa, soitto, puhelu, ringata, call, calling, ring
takaisinsoitto, soittopyyntö, takaisinsoittopyyntö, callback, call-back
jono, jonottaa, jonotus, queue, queuing, queueing
odotusaika, jonotusaika, odotus, odottaa, wait, waiting
chat, chatti, chätti, verkkochat, webchat
chatbot, botti, chattibotti, virtuaaliavustaja, bot
viesti, viestit, message, messages, msg
tekstiviesti, tekstari, sms, texting
vastaaja, puhelinvastaaja, vastaajaviesti, vastaajapalvelu, voicemail
aukioloaika, aukioloajat, aukiolo, palveluaika, palveluajat, hours
poikkeusaukiolo, poikkeusaukioloajat, poikkeusaikataulu
auki, avoinna, open
suljettu, kiinni, closed
ympärivuorokautinen, ympärivuorokautisesti, 24/7, 24h
vierailu, vierailla, käynti, visit, visiting
vieras, vieraat, kävijä, kävijät, guest, guests, visitor, visitors
toimipiste, toimipaikka, konttori, toimisto, office, branch
myymälä, kauppa, liike, puoti, kivijalkamyymälä, store, shop
palvelupiste, asiointipiste, infopiste, infotiski, palvelutiski, info
vastaanotto, respa, reseptio, reception
käyntiosoite, katuosoite
varaus, varata, varaaminen, buukata, buukkaus, booking, book, reservation, reserve
ajanvaraus, vastaanottoaika, varausaika, appointment, appointments
ajansiirto, reschedule, rescheduling
varausnumero, varaustunnus, varauskoodi, varausvahvistus, pnr
tapaaminen, palaveri, miitti, meetinki, meeting
etätapaaminen, videopuhelu, videotapaaminen
verkkosivu, verkkosivut, verkkosivusto, sivusto, nettisivu, nettisivut, kotisivu, saitti, website, site, webpage, homepage
asiakirja, dokumentti, paperi, paperit, document, documents, paperwork
kuva, valokuva, foto, photo, picture, image, pic
kuvakaappaus, ruutukaappaus, skrini, skriinshotti, screenshot, screencap

# contracts, subscriptions, memberships, cancelling, moving, notice periods
sopimus, sopimukset, soppari, contract, agreement
ehdot, ehto, sopimusehdot, käyttöehdot, terms, conditions, tos
tilaus, kestotilaus, kuukausitilaus, tilata, subscription, subscribe, subscribed
irtisanoa, irtisanominen, irtisanoutua, lopettaa, lopetus, terminate, termination, cancel, discontinue, unsubscribe
irtisanomisaika, irtisanomisilmoitus, notice
määräaikainen, määräaikaissopimus, fixed-term
sitoutumisaika, sopimuskausi, sopimusaika, määräaikaisuus, lock-in, lockin
uusia, uusiminen, uusiutua, renewal, renew
jatkaa, jatko, jatkoaika, pidentää, pidennys, extend, extension
määräaika, takaraja, dedis, deadline
voimassa, voimassaolo, voimassaoloaika, valid, validity
vanhentua, vanhentunut, umpeutua, erääntynyt, expire, expired, expiry, expiration
jäädyttää, jäädytys, keskeyttää, keskeytys, tauottaa, pause, suspend, suspension, freeze
jäsenyys, jäsen, jäsenet, membership, member, members
jäsenkortti, kanta-asiakaskortti, asiakaskortti, etukortti, bonuskortti
kanta-asiakas, kantis, vakioasiakas, kantiskortti, regular
kanta-asiakasohjelma, etuohjelma, bonusohjelma
kokeilu, kokeilujakso, testijakso, kokeiluaika, trial
allekirjoitus, allekirjoittaa, nimmari, puumerkki, signature, sign, e-signature
siirto, siirtää, transfer
muutto, muuttaa, muuttaminen, move, moving, relocation, relocate
asiakkuus, asiakassuhde
sanomalehti, lehti, aviisi, blaska, newspaper, paper
digilehti, näköislehti, e-lehti, digitilaus, epaper, e-paper
suoratoisto, suoratoistopalvelu, striimaus, striimata, stream, streaming

# telecom: mobile, sim, broadband, router, coverage, roaming, numbers
liittymä, puhelinliittymä, mobiililiittymä, matkapuhelinliittymä, liittis, subscription
prepaid, prepaid-liittymä, prepaidliittymä, saldoliittymä, payg, pay-as-you-go
saldonlataus, saldolataus, topup, top-up, recharge
saldo, tilinsaldo, kate, balance
operaattori, teleoperaattori, teleyhtiö, puhelinyhtiö, palveluntarjoaja, operator, carrier, provider
matkapuhelin, kännykkä, känny, kännäri, kapula, mobiili, mobile, cellphone, cell
älypuhelin, älyluuri, smartphone
lankapuhelin, kotipuhelin, landline
sim, sim-kortti, simkortti, sim-card
e-sim, esim-kortti, esimkortti, virtuaalisim
numeronsiirto, numerosiirto, portaus, porting
soitonsiirto, puhelunsiirto, edelleenkytkentä, forwarding
puheaika, puheminuutit, minuutit, minutes
mobiilidata, dataliikenne, datayhteys, mobiilinetti
gigatavu, giga, gigat, gb, gigabyte, gigabytes
megabitti, megat, mbit, mbps, mbit/s, megabit
rajaton, rajattomasti, unlimited
verkkovierailu, roaming, roumaus
kuuluvuus, peitto, peittoalue, verkkopeitto, signaali, coverage, signal
mobiiliverkko, matkapuhelinverkko, kännykkäverkko
laajakaista, laajakaistaliittymä, nettiliittymä, nettiyhteys, internetyhteys, broadband
internet, netti, inet, web
verkko, network, networks
valokuitu, kuitu, kuituliittymä, kuitunetti, kuituyhteys, fibre, fiber, ftth
reititin, routteri, ruuteri, wlan-reititin, wifi-reititin, router
modeemi, mokkula, nettitikku, usb-modeemi, modem, dongle
wifi, wi-fi, wlan, langaton, wireless
nopeus, yhteysnopeus, nettinopeus, kaista, kaistanleveys, speed, bandwidth
pätkiä, katkeilla, katkeileva, takkuilla, lagata, lägätä, lag, lagging, laggy, buffering
katko, katkos, häiriö, vikatilanne, käyttökatko, palvelukatko, outage, disruption, downtime
häiriötiedote, häiriöilmoitus, vikailmoitus, vikaraportti
televisio, tv, telkkari, telkka, töllö, television, telly
digiboksi, boksi, digisovitin, tv-boksi, set-top-box, stb

# energy and utilities: electricity, meter, heating, water
sähkö, sähkövirta, virta, electricity, power
sähkösopimus, energiasopimus
sähköyhtiö, sähkönmyyjä, energiayhtiö, energialaitos, sähkölaitos, utility
sähkönsiirto, siirtomaksu, siirtohinta, verkkopalvelumaksu, distribution, transmission
verkkoyhtiö, sähköverkkoyhtiö, verkonhaltija, jakeluverkonhaltija, dso
sähköliittymä, liittymä
pörssisähkö, spot-sähkö, spotsähkö, spot, pörssihinta, spot-hinta
perusmaksu, perushinta
energiamaksu, energiahinta, energianhinta
mittari, sähkömittari, energiamittari, meter
mittarilukema, lukema, mittarinlukema
etäluenta, etäluettava, älymittari
kulutus, sähkönkulutus, energiankulutus, consumption, usage
kilowattitunti, kwh
sähkökatko, sähkökatkos, blackout
sulake, pääsulake, sulakkeet, fuse, fuses
lämmitys, lämpö, heating, heat
kaukolämpö, kaukolämmitys
maalämpö, maalämpöpumppu, geothermal
lämpöpumppu, ilmalämpöpumppu, ilp
patteri, lämpöpatteri, lämmityspatteri, radiaattori, radiator
ilmanvaihto, iv, tuuletus, ventilation
ilmastointi, ilmastointilaite, jäähdytys, ac, aircon, cooling
vesi, hanavesi, vesijohtovesi, water
vesimaksu, vesilasku
vesikatko, vedenjakelukatko
vuoto, vuotaa, vesivuoto, leak, leaking, leakage
viemäri, viemäröinti, sewer, sewerage, drain, drainage
tukos, tukkeutunut, tukossa, clog, clogged, blocked, blockage
jäte, jätteet, roska, roskat, waste, garbage, rubbish, trash
jäteastia, roska-astia, roskis, roskakori, bin, dustbin
jätehuolto, jätteenkuljetus, jäteauto
kierrätys, kierrättää, recycle, recycling
kaasu, maakaasu, gas
aurinkopaneeli, aurinkopaneelit, aurinkosähkö, aurinkovoima, solar
latauspiste, latausasema, latausboksi, kotilaturi, wallbox

# health care (appointments, vaccines, medicines, prescriptions, surgery, lab tests, emergencies)
lääkäri, lekuri, tohtori, doctor, physician, doc, dr
yleislääkäri, terveyskeskuslääkäri, omalääkäri, gp
erikoislääkäri, erikoislekuri, specialist
hoitaja, sairaanhoitaja, terveydenhoitaja, lähihoitaja, hoitsu, nurse
hammaslääkäri, hammaslekuri, dentist
hammashoito, hammashoitola, hammashuolto, dental, dentistry
potilas, potilaat, patient, patients
terveyskeskus, terkkari, tk
klinikka, lääkäriasema, lääkärikeskus, poliklinikka, poli, clinic
sairaala, hospital
päivystys, päivystyspoliklinikka, ensiapu, ensiapupoliklinikka, emergency, er, a&e, casualty
hätänumero, hätäkeskus, 112, 911, 999
kiireellinen, kiireellisesti, akuutti, urgent, urgently, acute
ambulanssi, sairasauto, ambulance
etävastaanotto, videovastaanotto, etäkäynti, videokäynti, etälääkäri, telehealth, telemedicine
vastaanotto, lääkärinvastaanotto, lääkärikäynti, consultation
terveystarkastus, yleistarkastus, terveystarkastukset, check-up, checkup
lähete, lääkärinlähete, referral
rokote, rokotus, rokottaa, rokotteet, piikki, vaccine, vaccination, vaccinate, jab, shot, immunisation, immunization
tehoste, tehosterokote, tehosteannos, booster
influenssarokote, flunssarokote
lääke, lääkkeet, lääkitys, medicine, medication, meds, drug, drugs
pilleri, tabletti, kapseli, pill, pills, tablet, capsule
kipulääke, särkylääke, painkiller, painkillers, analgesic
antibiootti, antibiootit, antibioottikuuri, kuuri, antibiotic, antibiotics
resepti, lääkemääräys, e-resepti, eresepti, prescription, script, rx
reseptinuusinta, reseptinuusiminen, reseptinuusintapyyntö, refill
apteekki, pharmacy, chemist, drugstore
farmaseutti, proviisori, apteekkari, pharmacist
annostus, annos, annostelu, dose, dosage
sivuvaikutus, haittavaikutus, sivuvaikutukset
leikkaus, operaatio, leikata, kirurgia, surgery, operation, operate
toimenpide, toimenpiteet, procedure
nukutus, yleisanestesia, anestesia, narkoosi, anesthesia, anaesthesia
sedaatio, rauhoitus, rauhoittaa, sedation, sedate
laboratorio, labra, lab, laboratory
laboratoriokoe, laboratoriotutkimus, labrakoe, labrat, labwork
verikoe, verinäyte, verikokeet, bloodwork
näyte, näytteenotto, sample, specimen, sampling
virtsanäyte, virtsakoe, pissanäyte
testi, testata, testaus, test, testing
tulos, tulokset, koetulos, result, results
röntgen, röntgenkuva, röntgenkuvaus, rtg, xray, x-ray
ultraääni, ultraäänitutkimus, ultraäänikuvaus, kaikukuvaus, uä, ultrasound, sonography
magneettikuvaus, magneetti, magneettitutkimus, mri
diagnoosi, diagnosoida, taudinmääritys, diagnosis, diagnose
hoito, hoitaa, treatment, care, treat
terapia, terapeutti, psykoterapia, psykoterapeutti, therapy, therapist, psychotherapy
fysioterapia, fysioterapeutti, fysio, fyssari, physio, physiotherapy, physicaltherapy, physiotherapist
kuntoutus, kuntouttaa, rehabilitation, rehab
sairaus, tauti, illness, disease, sickness
sairas, kipeä, ill, sick
oire, oireet, symptom, symptoms
kipu, särky, kivut, ache, pain
kuume, lämpö, lämpöily, fever, temperature
flunssa, vilustuminen, nuha, räkätauti, cold
influenssa, flu, influenza
korona, koronavirus, covid, covid-19, covid19, sars-cov-2
oksentaa, oksennus, oksentelu, yrjötä, yrjö, vomit, vomiting, puke
vatsatauti, oksennustauti, noro, norovirus
tulehdus, infektio, infection, inflammation
allergia, allerginen, allergy, allergic
vamma, loukkaantuminen, loukkaantua, injury, injured, hurt
raskaus, raskaana, paksuna, pregnancy, pregnant
sairausloma, sairasloma, saikku
lääkärintodistus, sairauslomatodistus, sicknote
lääkärinlausunto, lausunto
potilastiedot, potilaskertomus, sairauskertomus, terveystiedot, omakanta
kela, kansaneläkelaitos
silmälasit, lasit, rillit, glasses, spectacles, eyeglasses
piilolinssit, piilarit, linssit, contacts, lenses

# veterinary care
eläinlääkäri, eläinlekuri, vet, veterinarian, veterinary
eläinklinikka, eläinlääkäriasema, eläinsairaala
eläinhoitaja, eläintenhoitaja, klinikka-avustaja, vettech
lemmikki, lemmikkieläin, kotieläin, pet, pets
koira, hauva, rakki, koiru, dog, doggy
kissa, kisu, katti, kissi, mirri, cat, kitty
pentu, koiranpentu, puppy, pup
eläinvakuutus, lemmikkivakuutus, koiravakuutus, kissavakuutus
mikrosiru, siru, sirutus, siruttaa, tunnistusmerkintä, microchip, microchipping, chip
lemmikkipassi, eläinpassi
madotus, madottaa, matolääke, deworming, worming, wormer
kastrointi, kastroida, sterilointi, steriloida, leikkauttaa, neutering, neuter, spaying, spay, castration, sterilisation, sterilization
hammaskivenpoisto, hammaskivi, hammaspuhdistus, scaling, tartar
punkki, puutiainen, tick, ticks
kirppu, kirput, flea, fleas
ontua, ontuminen, nilkuttaa, linkuttaa, limp, limping, lameness
eutanasia, lopetus, euthanasia, euthanise, euthanize
tuhkaus, tuhkata, cremation, cremate
eläinhoitola, hoitola, koirahoitola, kissahoitola, boarding, kennel
trimmaus, trimmata, turkinhoito, koirankampaamo, grooming, groom
lemmikkiruoka, eläinruoka, koiranruoka, kissanruoka
ruokavalio, dieetti, erikoisruokavalio, erityisruokavalio, diet

# travel, hotels, transport, tickets, parking, luggage
matka, reissu, matkustaa, matkustaminen, reissata, matkailla, trip, journey, travel, travelling, traveling
matkustaja, matkailija, reissaaja, passenger, traveller, traveler
pakettimatka, valmismatka, seuramatka, matkapaketti
matkanjärjestäjä, matkatoimisto, matkanvälittäjä
matkakohde, kohde, määränpää, destination
lento, lennot, lentää, flight, flights, fly, flying
lentoyhtiö, airline, airlines
lentokenttä, lentoasema, airport
lähtöselvitys, check-in, checkin
koneeseennousu, boarding
tarkastuskortti, maihinnousukortti, boarding-kortti
jatkoyhteys, vaihtoyhteys, jatkolento, connection
lähtö, lähteä, departure, depart, departures
saapuminen, saapua, tulo, arrival, arrive, arrivals
aikataulu, aikataulut, timetable, schedule
menopaluu, meno-paluu, edestakainen, round-trip
lippu, liput, tiketti, piletti, ticket, tickets
matkalippu, bussilippu, junalippu, fare
pääsylippu, pääsymaksu, sisäänpääsy, admission, entry, entrance
kausilippu, kausikortti, kuukausilippu, kuukausikortti
matkakortti, bussikortti, travelcard
istumapaikka, istuin, penkki, seat, seats
paikkavaraus, istumapaikkavaraus
matkatavara, matkatavarat, luggage, baggage
laukku, matkalaukku, kassi, bag, suitcase
käsimatkatavara, käsimatkatavarat, käsimatkalaukku, carry-on
ruumatavara, ruumamatkatavara
ylipaino, lisämatkatavara, overweight
löytötavara, löytötavarat, löytötavaratoimisto
passi, passport
henkilökortti, id-kortti, idkortti, henkkari, henkkarit, henkilöllisyystodistus, id
viisumi, visa
matkavakuutus, matkustajavakuutus
juna, train, rail
asema, rautatieasema, juna-asema, station
bussi, linja-auto, dösä, onnikka, bus, coach
pysäkki, bussipysäkki
raitiovaunu, ratikka, spora, raitsikka, tram, streetcar, trolley
metro, maanalainen, subway, underground, tube
taksi, taxi, cab
laiva, alus, lautta, ship, vessel, ferry, boat
hotelli, hotel
mökki, kesämökki, lomamökki, vuokramökki, cottage, cabin
majoitus, majoittua, yöpyminen, yöpyä, accommodation, lodging, stay
huone, hotellihuone, room
check-out, checkout, huoneenluovutus, luovutusaika
kuntosali, sali, kuntokeskus, gym
aamiainen, aamupala, brekkari, breakfast
loma, lomat, lomailla, vacation, holiday, holidays
esteetön, esteettömyys, saavutettava, saavutettavuus, accessible, accessibility
pysäköinti, pysäköidä, parkkeerata, parkkeeraus, parkki, parking
pysäköintipaikka, parkkipaikka, parkkiruutu, autopaikka, parkkis, carpark
parkkihalli, pysäköintihalli, parkkitalo, pysäköintitalo, multi-storey
pysäköintilupa, parkkilupa, asukaspysäköintitunnus, asukaspysäköinti
pysäköintikiekko, parkkikiekko
parkkisakko, pysäköintivirhemaksu, pysäköintivirhe, parkkivirhe
sakko, sakot, virhemaksu, sakottaa, fines, penalty
vuokra-auto, vuokraauto, autovuokraamo, autonvuokraus

# banking and insurance (claims, compensation, damage, theft, cards)
pankki, pankit, bank, banking
verkkopankki, nettipankki, mobiilipankki
kortti, kortit, card, cards
pankkikortti, maksukortti, debitkortti
luottokortti, luottis, visa, mastercard, amex
kortinsulku, kortinsulkeminen, sulkupalvelu
pankkiautomaatti, automaatti, otto, ottoautomaatti, ottomaatti, atm, cashpoint
nosto, nostaa, käteisnosto, withdraw, withdrawal
limiitti, maksuraja, nostoraja, käyttöraja, ostoraja, limit, limits
laina, lainata, loan, loans, lend, borrow
luotto, luottoraja, luottolimiitti, credit
asuntolaina, asuntoluotto, mortgage
pikavippi, vippi, pikalaina, kulutusluotto
lyhennys, lyhentää, repayment, repay
lyhennysvapaa, lyhennystauko
säästö, säästää, säästöt, säästötili, savings
eläke, eläkkeet, pension, pensions, retirement
petos, huijaus, huijata, kusetus, fraud, scam, swindle
huijari, huijaaja, scammer, fraudster, conman
varkaus, varastaa, varastettu, pölliä, pöllitä, vohkia, kähveltää, theft, stolen, steal
murto, murtautua, murtovarkaus, burglary, break-in, breakin, burgled
rikosilmoitus, poliisi-ilmoitus
vakuutus, vakuutukset, vakuuttaa, vakuutusturva, insurance, insure, coverage, cover
vakuutuskirja, vakuutussopimus, vakuutusnumero, policy
vakuutusyhtiö, vakuutusfirma, vakuuttaja, insurer
vakuutusmaksu, vakuutusmaksut, premium
omavastuu, omavastuuosuus, deductible, excess
vahinkoilmoitus, korvaushakemus, korvausvaatimus, vahinkohakemus, claim, claims
vahinko, vahinkotapahtuma, vahinkotapaus, vakuutustapahtuma, incident, loss
korvauskäsittelijä, vahinkotarkastaja, vahinkokäsittelijä, adjuster
kotivakuutus, kotitalousvakuutus, irtaimistovakuutus
autovakuutus, kasko, kaskovakuutus
sairauskuluvakuutus, sairausvakuutus, terveysvakuutus
tapaturma, onnettomuus, accident, accidents
vesivahinko, vuotovahinko
kosteusvaurio, homevaurio, homeongelma, dampness, mould, mold, mildew
tulipalo, palo, palovahinko, fire
irtaimisto, irtaimet, omaisuus, contents, belongings, possessions

# products, repairs, warranty, faults, spare parts, assembly, installation
takuu, takuuaika, takuuehdot, warranty, guarantee
takuukorjaus, takuuhuolto, takuutyö
korjaus, korjata, korjaaminen, korjauttaa, fiksata, fiksaus, repair, fix, fixing
huolto, huoltaa, huoltotoimenpide, kunnossapito, service, servicing, maintenance
huoltoliike, huoltopiste, huoltokorjaamo, verstas, paja, workshop
varaosa, varaosat, spare, spares
kokoaminen, koota, kokoonpano, kasaus, kasata, assembly, assemble
asennus, asentaa, asentaminen, installoida, installointi, install, installation
asennusohje, kokoamisohje, kokoonpano-ohje
lainalaite, sijaislaite, vaihtolaite, loaner, replacement
vianmääritys, vianetsintä, diagnostiikka, troubleshoot, troubleshooting, diagnostics
uudelleenkäynnistys, uudelleenkäynnistää, boottaus, bootata, buutata, restart, reboot
jumittaa, jumittua, jumissa, jäätyä, jäätynyt, freeze, frozen, stuck, hang
kaatua, kaatuminen, kaatuilla, crash, crashes, crashing
toimimaton, epäkunnossa, epäkuntoinen, inoperative
naarmu, naarmut, naarmuuntunut, scratch, scratches, scratched
lommo, kolhu, painauma, kolhiintunut, dent, dents, dented
halkeama, särö, haljennut, crack, cracked
sarjanumero, valmistenumero, serial, s/n, sn
malli, mallinumero, tuotemalli, model
merkki, brändi, tuotemerkki, brand
valmistaja, valmistajat, manufacturer, maker, producer
jälleenmyyjä, vähittäismyyjä, reseller, retailer, dealer, stockist
yhteensopiva, yhteensopivuus, compatible, compatibility
laite, laitteet, laitteisto, vempain, vehje, device, devices, equipment, gadget
lisävaruste, lisävarusteet, tarvike, tarvikkeet, lisälaite, accessory, accessories
laturi, charger
virtalähde, verkkolaite, adapteri, sovitin, adapter, adaptor
johto, kaapeli, piuha, cable, cord, wire
akku, paristo, patteri, battery, batteries
lataus, ladata, charge, charging
näyttö, ruutu, monitori, screen, display, monitor
sovellus, äppi, appi, mobiilisovellus, applikaatio, app, application
ohjelmisto, ohjelma, softa, software, program
ladata, lataus, imuroida, downloadata, download, downloading
tietokone, tietsikka, pc, computer
kannettava, läppäri, sylimikro, laptop, notebook
tabletti, tablettitietokone, taulutietokone, tablet, ipad
kuulokkeet, nappikuulokkeet, luurit, headphones, earphones, earbuds, headset
kaiutin, kaiuttimet, kaijari, kajari, speaker, speakers
tulostin, printteri, printer
kaukosäädin, kaukkari, kauko-ohjain
kodinkone, kodinkoneet, appliance, appliances
pesukone, pyykinpesukone, washer
astianpesukone, tiskikone, tiskari, dishwasher
kuivausrumpu, rumpukuivaaja, kuivaaja, dryer, drier
jääkaappi, fridge, refrigerator
pakastin, arkkupakastin, freezer
mikroaaltouuni, mikro, microwave
liesi, hella, stove, cooker
pölynimuri, imuri, vacuum, hoover
huonekalu, huonekalut, kaluste, kalusteet, furniture
sohva, couch, sofa, settee
sänky, peti, punkka, bed
vaatteet, vaate, kuteet, rytkyt, clothes, clothing, garment, apparel
koko, koot, kokotaulukko, size, sizes, sizing
mitat, mitta, measurements, dimensions
väri, värit, sävy, color, colour, shade
kenkä, kengät, jalkineet, popot, shoe, shoes, footwear
lenkkari, lenkkarit, tennari, tennarit, dojo, dojot, sneaker, sneakers, trainers

# food and restaurants
ravintola, ravintolat, rafla, ruokaravintola, restaurant, eatery
baari, pubi, kapakka, kuppila, räkälä, bar, pub
kahvila, kahvio, cafe, café, coffeeshop, coffeehouse
pöytävaraus, pöydänvaraus
ruokalista, menu, menyy, ruokalistat
annos, ruoka-annos, annokset, dish, portion, serving
ateria, ateriat, meal, meals
ruoka, ruoat, ruuat, safka, sapuska, murkina, food
syödä, syöminen, safkata, ruokailla, ruokailu, eat, eating, dine, dining
juoma, juomat, juotava, drink, drinks, beverage, beverages
alkoholi, alkoholijuoma, alkoholijuomat, viina, alcohol, booze, liquor
olut, kalja, bisse, beer, lager
virvoitusjuoma, limonadi, limsa, limu, soda
alkuruoka, alkupala, starter, appetizer, appetiser
pääruoka, pääannos
jälkiruoka, jälkkäri, dessert, desserts, pudding, afters
lounas, lunch
illallinen, päivällinen, dinner, supper
noutoruoka, takeaway, take-away, takeout, carryout
ruokakuljetus, ruokatoimitus, ruokalähetys
pitopalvelu, juhlatarjoilu, catering, caterer
kasvisruoka, kasvis, kasvisannos, vegetarian, veggie
vegaaninen, vegaani, kasvipohjainen, vegan, plant-based
gluteeniton, gluten-free, gf
laktoositon, vähälaktoosinen, lactose-free
maidoton, dairy-free
allergeeni, allergeenit, allergen, allergens
juomaraha, tippi, tipata, tip, tips, gratuity
kokki, keittiömestari, chef, cook
tarjoilija, waiter, waitress, server
hampurilainen, purilainen, hamppari, burgeri, burger, hamburger
ranskalaiset, ranskikset, ranut, fries, chips
keksi, keksit, pikkuleipä, biscuit, biscuits, cookie, cookies
ruokakauppa, marketti, lähikauppa, kauppis, supermarket, grocery, groceries
juhla, juhlat, bileet, kekkerit, pippalot, party, celebration
tapahtuma, tilaisuus, event, events

# education and courses
kurssi, kurssit, opintojakso, course, courses
koulutus, koulutukset, kouluttaa, training, education
ilmoittautua, ilmoittautuminen, enrol, enroll, enrolment, enrollment
hakemus, hakea, haku, application, apply, applying
pääsykoe, valintakoe
opiskelija, opiskelijat, student, students
opettaja, ope, opettajat, kouluttaja, teacher, instructor, trainer, tutor
koulu, oppilaitos, opisto, school, institution
yliopisto, yliopistot, yo, uni, university
ammattikorkeakoulu, amk, polytechnic
päiväkoti, tarha, lastentarha, daycare, nursery, kindergarten
tentti, koe, kuulustelu, tenttiä, exam, examination
arvosana, arvosanat, grade, grades, marks
todistus, sertifikaatti, certificate, cert
tutkinto, tutkinnot, degree, qualification, diploma
opintopiste, opintopisteet, ects, credits
lukukausi, lukukaudet, semester, term
lukukausimaksu, kurssimaksu, osallistumismaksu, opintomaksu, tuition
verkkokurssi, etäkurssi, nettikurssi, verkkokoulutus, elearning, e-learning
etäopetus, etäopiskelu, etäopinnot
webinaari, verkkoseminaari, webinar
luento, luennot, luennoida, lecture, lectures
oppitunti, tunti, lesson, lessons, class
läksy, läksyt, kotitehtävä, kotitehtävät, homework
harjoittelu, työharjoittelu, harkka, harjoittelujakso, internship, traineeship, placement
osallistua, osallistuminen, participate, participation, attend, attendance
poissaolo, poissa, absence, absent

# housing and rental
asunto, asunnot, kämppä, huoneisto, lukaali, apartment, flat, residence, dwelling
vuokra, vuokrata, vuokraus, rent, rental, renting
vuokrasopimus, vuokrasuhde, lease, tenancy
vuokranantaja, vuokraisäntä, landlord, landlady, lessor
vuokralainen, vuokralaiset, tenant, tenants, renter, lessee
asukas, asukkaat, resident, residents, occupant
vuokra-asunto, vuokrakämppä
yksiö, studio, bedsit
omakotitalo, okt, omakoti, house
rivitalo, rt, rivari, townhouse
taloyhtiö, asunto-osakeyhtiö, asoy
vastike, hoitovastike, yhtiövastike
isännöitsijä, isännöinti, isännöitsijätoimisto
huoltomies, talonmies, kiinteistönhoitaja, janitor, caretaker, superintendent
kiinteistöhuolto, huoltoyhtiö
kiinteistönvälittäjä, välittäjä, kiinteistövälitys, realtor
avain, avaimet, key, keys
remontti, remppa, remontoida, peruskorjaus, saneeraus, renovation, renovate, refurbishment, refurbish, remodel
putkiremontti, putkiremppa, linjasaneeraus, linjaremontti, putkisaneeraus
naapuri, naapurit, neighbour, neighbor, neighbours, neighbors
meteli, melu, mekastus, metakka, noise, disturbance
järjestyssäännöt, järjestyssääntö, säännöt, rules
pyykki, pyykit, laundry, washing
pesutupa, pyykkitupa
kellarikomero, varastokoppi, häkkivarasto, ullakkokomero
lumityöt, lumenluonti, auraus, aurata, ploughing, plowing
autotalli, talli, garage
siivous, siivota, kotisiivous, siivouspalvelu, cleaning, clean, housecleaning
muuttofirma, muuttopalvelu, muuttoauto, removals, movers

# cars, bikes and other vehicles
auto, autot, kaara, menopeli, pirssi, kärry, car, cars, automobile
ajoneuvo, kulkuneuvo, vehicle, vehicles
polkupyörä, pyörä, fillari, bike, bicycle, cycling
sähköpyörä, sähköfillari, ebike, e-bike, pedelec
sähköpotkulauta, potkulauta, potkari, sähköpotkari, scooter, e-scooter, escooter
mopo, mopedi, skootteri, moped
moottoripyörä, prätkä, motskari, motorcycle, motorbike
rengas, renkaat, kumi, kumit, tyre, tyres, tire, tires
renkaanvaihto, rengasvaihto, renkaidenvaihto, kumienvaihto, rengastyö
talvirengas, talvirenkaat, talvikumit, nastarenkaat, kitkarenkaat
rengasrikko, puhjennut, puhkeaminen, puncture, punctured
katsastus, katsastaa, määräaikaiskatsastus, mot, inspection
rekisterikilpi, rekkari, rekisterinumero, rekisteritunnus, registration, reg
ajokortti, ajokorttilupa
lisenssi, käyttöoikeus, license, licence, licensing
kuljettaja, kuski, ajaja, driver, drivers
polttoaine, bensiini, bensa, petrol, gasoline, gas, fuel
tankata, tankkaus, tankkaaminen, refuel, refuelling, refueling, fuelling
huoltoasema, bensa-asema, bensis, huoltsikka, huoltis
sähköauto, täyssähköauto, ev, bev
hybridi, hybridiauto, lataushybridi, hybrid, plug-in, phev
autokorjaamo, autohuolto, korjaamo, garage
mekaanikko, automekaanikko, mechanic
tuulilasi, windscreen, windshield
hinaus, hinata, hinausauto, tow, towing
tiepalvelu, tiepalvelut
kolari, kolaroida, peltikolari, törmäys, törmätä, crash, collision, collide
leasing, liisaus, liisata, yksityisleasing, autoleasing
autoliike, autokauppa, dealership
käytetty, second-hand, secondhand, preowned, pre-owned
kirpputori, kirppis, kirppari
pyörähuolto, fillarihuolto

# people and roles
asiakas, asiakkaat, customer, customers, client, clients
yritysasiakas, yritysasiakkaat, b2b
yksityisasiakas, kuluttaja-asiakas, b2c
asiakaspalvelija, asiakasneuvoja, palveluneuvoja, asiakaspalveluhenkilö, virkailija, agent, representative, rep, advisor
yhteyshenkilö, asiakasvastaava
myyjä, myyntiedustaja, myyntineuvottelija, salesperson, salesman, saleswoman, seller
henkilökunta, henkilöstö, työntekijät, staff, personnel, employees, crew
työntekijä, duunari, työläinen, employee, worker
esihenkilö, esimies, lähiesihenkilö, pomo, manager, supervisor, boss
omistaja, haltija, owner, holder
yrittäjä, elinkeinonharjoittaja, entrepreneur, self-employed
yritys, firma, yhtiö, puulaaki, company, business, firm, corporation
y-tunnus, ytunnus, yritystunnus
asiantuntija, spesialisti, ekspertti, expert, specialist
konsultti, neuvonantaja, consultant, advisor, adviser
asentaja, teknikko, huoltoteknikko, technician, installer, fitter, engineer
putkimies, putkiasentaja, lvi-asentaja, putkari, plumber
sähkömies, sähköasentaja, sähkäri, electrician
remonttimies, remppamies, handyman
siivooja, siistijä, laitoshuoltaja, cleaner
vartija, vahti, guard
poliisi, kyttä, kytät, police, cop, cops
kampaaja, parturi, parturi-kampaaja, hiustenleikkaaja, hairdresser, barber, stylist, hairstylist
kampaamo, parturi, parturi-kampaamo, salon, barbershop
lentoemäntä, stuertti, matkustamohenkilökunta, stewardess, steward
lipuntarkastaja, tarkastaja, inspector
opas, matkaopas, guide
asianajaja, lakimies, juristi, lawyer, attorney, solicitor
huoltaja, holhooja, guardian
vanhempi, vanhemmat, porukat, parent, parents
lapsi, lapset, skidi, muksu, penska, kakara, child, children, kid, kids
vauva, vauvat, baby, babies, infant
aikuinen, aikuiset, täysi-ikäinen, adult, adults
eläkeläinen, eläkkeensaaja, seniori, pensioner, senior, seniors, oap
perhe, perheet, family, families
puoliso, aviopuoliso, avopuoliso, avokki, kumppani, partner, spouse
omainen, sukulainen, läheinen, relative, relatives

# time words (weekdays, weekend, holidays, periods)
maanantai, maanantaisin, ma, monday, mon
tiistai, tiistaisin, ti, tuesday, tue, tues
keskiviikko, keskiviikkoisin, ke, wednesday, wed
torstai, torstaisin, thursday, thu, thurs
perjantai, perjantaisin, pe, friday, fri
lauantai, lauantaisin, la, saturday, sat
sunnuntai, sunnuntaisin, su, sunday
arkipäivä, arki, arkisin, arkipäivisin, ma-pe, weekday, weekdays
työpäivä, pankkipäivä, workday
viikonloppu, viikonloppuisin, vkl, weekend, weekends
juhlapyhä, pyhä, pyhäpäivä, arkipyhä, pyhät, holiday
joulu, joulunaika, joulupyhät, christmas, xmas
pääsiäinen, pääsiäispyhät, easter
juhannus, juhannusaatto, midsummer
uudenvuodenaatto, nye
sesonki, sesonkiaika, kausi, season
ruuhka, ruuhkainen, ruuhka-aika, ruuhkautua, rush, peak, busy
aamu, aamulla, morning
aamupäivä, ap, forenoon
iltapäivä, afternoon, iltapäivisin
ilta, illalla, evening
päivä, päivät, pv, day, days
vuorokausi, vuorokaudet, vrk
viikko, viikot, vko, vk, week, weeks, wk
kuukausi, kuukaudet, kk, month, months
vuosi, vuodet, year, years, yr
tunti, tunnit, hour, hours, hr, hrs
minuutti, minuutit, min, minute, minutes, mins

# general service actions and states
palvelu, palvelut, service, services
tarkastus, tarkastaa, tarkistus, tarkistaa, inspection, inspect, check, checking
käsittely, käsitellä, käsittelyaika, processing, process, handling, handle
tilanne, status
päätös, päätökset, decision, decisions, ruling
`;
