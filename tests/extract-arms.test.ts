// Arms purchases, on sentences written for these tests (not taken from the corpus).
import { describe, expect, it } from 'vitest';
import { extractText } from './helpers/extract.js';

const arms = (text: string, published = '2016-04-14') =>
  extractText(text, published).rows['arms-purchases'].map((r) => ({
    buyer: r.buyer_iso3,
    seller: r.seller_iso3,
    designation: r.designation,
    quantity: r.quantity,
    value: r.value_usd,
    qualifier: r.value_qualifier,
    year: r.year,
    status: r.status,
    part_of: r.part_of !== null,
  }));

describe('notification prose', () => {
  it('merges the approval, the request and the cost into one approved row', () => {
    const text = [
      'Colombia - UH-60M Black Hawk Helicopters',
      '',
      'WASHINGTON, March 3, 2017 – The State Department has made a determination approving a possible Foreign Military Sale to the Government of Colombia for UH-60M Black Hawk helicopters and related support for an estimated cost of $180 million.',
      '',
      'The Government of Colombia has requested a possible sale of twelve (12) UH-60M Black Hawk helicopters, spare parts and training. The estimated cost is $180 million.',
    ].join('\n');
    expect(arms(text, '2017-03-03')).toEqual([{ buyer: 'COL', seller: 'USA', designation: 'UH-60 Black Hawk', quantity: 12, value: 180_000_000, qualifier: 'approximate', year: 2017, status: 'approved', part_of: false }]);
  });
  it('reads "as high as" as an upper bound and a notification as proposed', () => {
    const text = 'Chile wants missiles\n\nOn 12 June 2009, the Defense Security Cooperation Agency notified Congress of a possible sale to Chile of 100 AIM-120 AMRAAM missiles. The total value could be as high as $90 million.';
    expect(arms(text, '2009-06')).toEqual([{ buyer: 'CHL', seller: 'USA', designation: expect.stringContaining('AMRAAM'), quantity: 100, value: 90_000_000, qualifier: 'at_most', year: 2009, status: 'proposed', part_of: false }]);
  });
});

describe('news prose', () => {
  it('splits an aggregate and its quantified items', () => {
    const text = 'Peru shopping\n\nPeru signed a contract in 2013 worth about $400 million, including 24 Mi-171 helicopters and 2 C-27J transport aircraft.';
    const rows = arms(text, '2013-12-01');
    expect(rows.filter((r) => !r.part_of)).toEqual([expect.objectContaining({ buyer: 'PER', quantity: null, value: 400_000_000, qualifier: 'approximate', year: 2013, status: 'ordered' })]);
    expect(rows.filter((r) => r.part_of).map((r) => r.quantity).sort()).toEqual([2, 24]);
  });
  it('finds sellers other than the United States', () => {
    const rows = arms('Venezuela jets\n\nVenezuela bought 24 Sukhoi Su-30 fighter jets from Russia in 2006.', '2007-01-10');
    expect(rows).toEqual([expect.objectContaining({ buyer: 'VEN', seller: 'RUS', quantity: 24, year: 2006, status: 'purchased' })]);
  });
  it('reads deliveries', () => {
    const rows = arms('Brazil\n\nThe Brazilian Air Force received 6 KC-390 transport aircraft last year.', '2024-03-01');
    expect(rows).toEqual([expect.objectContaining({ buyer: 'BRA', quantity: 6, status: 'delivered' })]);
  });
});

describe('not purchases', () => {
  it('ignores donations, grants and free excess articles', () => {
    const text = [
      'Aid',
      '',
      'The United States donated 4 Bell 412 helicopters to Guatemala.',
      'Honduras will receive 2 patrol boats under a U.S. grant.',
      'El Salvador received 12 HMMWVs as Excess Defense Articles at no cost.',
    ].join('\n');
    expect(arms(text)).toEqual([]);
  });
  it('ignores disaster aid and construction', () => {
    const text = 'Relief\n\nThe Pentagon sent 8 C-130 aircraft to Haiti after the earthquake. Mexico will spend $2 billion on a border wall.';
    expect(arms(text)).toEqual([]);
  });
  it('does not repeat a deal when later sentences refer back to it', () => {
    const text = 'Argentina\n\nArgentina ordered 12 F-16 fighters from Denmark for $300 million in 2024.\n\nThe sale of these aircraft will replace the Mirage fleet. The deal supports regional stability.';
    expect(arms(text, '2024-05-01')).toHaveLength(1);
  });
});

describe('item lines of a notification', () => {
  it('turns a priced deal into a package when the item lines name several items', () => {
    const text = [
      'Uruguay – Bell 412 Helicopters',
      '',
      'WASHINGTON, May 2, 2022 – The State Department has made a determination approving a possible Foreign Military Sale to the Government of Uruguay of Bell 412 helicopters and related equipment for an estimated cost of $120 million.',
      '',
      'Major Defense Equipment (MDE):',
      'Four (4) Bell 412 helicopters',
      'Ten (10) T700-GE-701D engines',
      '',
      'The total estimated cost is $120 million.',
    ].join('\n');
    const rows = arms(text, '2022-05-02');
    expect(rows.filter((r) => !r.part_of)).toEqual([expect.objectContaining({ buyer: 'URY', designation: null, value: 120_000_000, status: 'approved' })]);
    expect(rows.filter((r) => r.part_of).map((r) => r.quantity).sort((a, b) => a! - b!)).toEqual([4, 10]);
  });
});

describe('talk, options, other buyers, counts that point back, and deals named again', () => {
  it('talk of a purchase and an option not taken up are no deals', () => {
    expect(arms('Chile\n\nThere is talk in Santiago of F-16 fighters as the next purchase for Chile.', '2020-02-01')).toEqual([]);
    expect(arms('Chile\n\nThe contract with Chile carries an option for eight more F-16 fighters.', '2020-02-01')).toEqual([]);
  });
  it('another region\'s navy buying is not the document\'s country', () => {
    expect(arms('Ecuador ships\n\nThe design is also used by the Indonesian Navy, which ordered four patrol vessels in 2021.', '2022-03-01')).toEqual([]);
  });
  it('"bought 24 of them" counts the equipment named before', () => {
    expect(arms('Ecuador\n\nThe air force flies the Kfir: Ecuador bought 12 of them from Israel in 2011.', '2015-01-01')).toEqual([expect.objectContaining({ buyer: 'ECU', seller: 'ISR', quantity: 12, year: 2011, status: 'purchased' })]);
  });
  it('"the first of two" vessels delivered is one', () => {
    expect(arms('Chile\n\nThe shipyard delivered the first of two offshore patrol vessels to Chile on Monday.', '2019-06-05')).toEqual([expect.objectContaining({ buyer: 'CHL', quantity: 1, status: 'delivered' })]);
  });
  it('item lines under a deal named only in general make it a package', () => {
    const text = [
      'Jamaica – Helicopters',
      '',
      'WASHINGTON, May 2, 2023 – The State Department has approved a possible Foreign Military Sale to Jamaica of rotary-wing aircraft, engines and support for an estimated cost of $90 million.',
      '',
      'Major Defense Equipment (MDE):',
      'four (4) UH-60M Black Hawk helicopters;',
      'ten (10) T700-GE-701D engines.',
    ].join('\n');
    const rows = arms(text, '2023-05-02');
    expect(rows.filter((r) => !r.part_of)).toEqual([expect.objectContaining({ buyer: 'JAM', value: 90_000_000, designation: null })]);
    expect(rows.filter((r) => r.part_of).map((r) => [r.designation, r.quantity]).sort()).toEqual([
      ['T700 turboshaft engine', 10],
      ['UH-60 Black Hawk', 4],
    ]);
  });
  it('"The helicopter purchase, worth ..." prices the deal just stated', () => {
    const text = 'Peru\n\nThe Peruvian army has agreed to buy eight Mi-171 helicopters from Russia. The helicopter purchase, worth $120 million, was signed in March, and the first two aircraft arrive next year.';
    expect(arms(text, '2015-06-01')).toEqual([expect.objectContaining({ buyer: 'PER', quantity: 8, value: 120_000_000 })]);
  });
});

describe('equipment named again by number', () => {
  it('"signed for the pair" is a deal of its own for the equipment just named, and takes the cost that follows', () => {
    const text = 'Chile ships\n\nThe shipyard delivered the first of two patrol vessels built for the Chilean navy on Monday.\n\nChile signed for the pair in March 2021. The deal is worth $200 million.';
    const rows = arms(text, '2023-05-02');
    expect(rows).toContainEqual(expect.objectContaining({ buyer: 'CHL', quantity: 2, value: 200_000_000, year: 2021, status: 'ordered' }));
    expect(rows).toContainEqual(expect.objectContaining({ buyer: 'CHL', quantity: 1, value: null, status: 'delivered' }));
  });
  it('"both countries" is no equipment', () => {
    expect(arms('Talks\n\nChile bought two patrol vessels from Spain in 2019. Both countries signed for closer cooperation in 2020.', '2021-01-01')).toEqual([expect.objectContaining({ buyer: 'CHL', quantity: 2, year: 2019 })]);
  });
});

describe('prices stated apart, measures, translated and spoken deals', () => {
  it('"put the price at" prices the deal just stated; "38-foot" is a length, not a count', () => {
    const text = 'Boats\n\nThe ministry signed a contract for two Stan Patrol 4207 patrol vessels for Barbados. The ministry put the price at about US$40 million. Barbados is also buying six 38-foot Defiant interceptors for US$5 million.';
    const rows = arms(text, '2023-07-10');
    expect(rows).toContainEqual(expect.objectContaining({ buyer: 'BRB', quantity: 2, value: 40_000_000, status: 'ordered' }));
    expect(rows).toContainEqual(expect.objectContaining({ buyer: 'BRB', quantity: 6, value: 5_000_000 }));
  });
  it('"bought three of the same type in 2005: the County-class boats" counts the boats', () => {
    expect(arms('Boats\n\nGuyana bought three of the same type in 2005: the County-class boats Essequibo, Berbice and Demerara.', '2023-07-10')).toEqual([expect.objectContaining({ buyer: 'GUY', quantity: 3, year: 2005, status: 'purchased' })]);
  });
  it('"subscribed the contracts", "both signed in 2008" and "reached Peru" give a status', () => {
    expect(arms('Communique\n\nThe minister of Uruguay subscribed the contracts for the acquisition of three radars.', '2024-09-18')).toEqual([expect.objectContaining({ buyer: 'URY', quantity: 3, status: 'ordered' })]);
    expect(arms('Brazil\n\nBrazil is a big buyer. Fifty EC725 helicopters and four Scorpène submarines, both signed in 2008.', '2012-04-24').map((r) => [r.quantity, r.year, r.status])).toEqual([
      [50, 2008, 'ordered'],
      [4, 2008, 'ordered'],
    ]);
    expect(arms('Peru\n\nThe first 16 of the Mi-171 helicopters reached Peru in 2014.', '2015-03-05')).toEqual([expect.objectContaining({ buyer: 'PER', quantity: 16, year: 2014, status: 'delivered' })]);
  });
});

describe('one figure for several items stated before', () => {
  it('"the total value of both contracts" is a row over the items, in words or digits', () => {
    const text = 'Communique\n\nThe minister of Bolivia signed the contracts for the acquisition of three radars and twenty armored vehicles. The total value of both contracts is in the order of ninety million dollars.';
    const rows = arms(text, '2024-09-18');
    expect(rows.filter((r) => !r.part_of)).toEqual([expect.objectContaining({ buyer: 'BOL', quantity: null, value: 90_000_000, qualifier: 'approximate' })]);
    expect(rows.filter((r) => r.part_of).map((r) => [r.quantity, r.value]).sort()).toEqual([
      [20, null],
      [3, null],
    ]);
  });
  it('a figure that does not say it covers them all is given to none of the items', () => {
    const text = 'Communique\n\nThe minister of Bolivia signed the contracts for the acquisition of three radars and twenty armored vehicles. The cost is $90 million.';
    expect(arms(text, '2024-09-18').map((r) => r.value)).toEqual([null, null]);
  });
});

describe('lists of a notification', () => {
  it('counts items the lexicon does not know, a year-like count before a model, and a decimal point in a name', () => {
    const text = 'Chile howitzers\n\nThe Government of Chile has requested a possible sale of 12 M109A3 155mm Self-Propelled Howitzers, 6 M577A2 Command Post Carriers, 1968 M107 155mm Projectiles and 12 M2 .50 cal Machine Guns.';
    expect(arms(text, '2009-06-15').map((r) => [r.quantity, r.year, r.status]).sort()).toEqual([
      [12, 2009, 'proposed'],
      [12, 2009, 'proposed'],
      [1968, 2009, 'proposed'],
      [6, 2009, 'proposed'],
    ]);
  });
  it('counted requests after a priced notification are its items (arms/link-notification)', () => {
    const text = 'Mexico helicopters\n\nThe State Department has approved a possible Foreign Military Sale to Mexico of MH-60R helicopters. The estimated cost is $1.2 billion.\n\nMexico requested eight MH-60R helicopters and 10 AGM-114 Hellfire missiles.';
    const rows = arms(text, '2018-04-23');
    expect(rows.filter((r) => !r.part_of)).toEqual([expect.objectContaining({ buyer: 'MEX', quantity: null, value: 1_200_000_000, status: 'approved' })]);
    expect(rows.filter((r) => r.part_of).map((r) => r.quantity).sort((a, b) => a! - b!)).toEqual([8, 10]);
  });
});

describe('follow-ons, counterparties, guesses and participles', () => {
  it('"six more aircraft" counts six; a plural model ("12 A-29s") is that model', () => {
    expect(arms('Chile\n\nIn 2017, Chile ordered six more aircraft from Embraer.', '2020-01-01')).toEqual([expect.objectContaining({ buyer: 'CHL', quantity: 6, year: 2017, status: 'ordered' })]);
    expect(arms('Chile\n\nChile received 12 A-29s in 2009.', '2020-01-01')).toEqual([expect.objectContaining({ buyer: 'CHL', designation: 'A-29 Super Tucano', quantity: 12, year: 2009 })]);
  });
  it('a seller signing "a deal with Peru" sells to Peru', () => {
    expect(arms('KT-1\n\nSouth Korea has signed a $200 million deal with Peru to export 20 KT-1 trainers.', '2012-11-07')).toEqual([
      expect.objectContaining({ buyer: 'PER', seller: 'KOR', quantity: 20, value: 200_000_000, status: 'ordered' }),
    ]);
  });
  it('"three or four airframes" is no count; "asked to buy" is a request', () => {
    expect(arms('Ecuador\n\nEcuador asked for the delivery of three or four airframes within six months.', '2010-01-01').map((r) => r.quantity)).not.toContain(3);
    expect(arms('Brazil\n\nThe Brazilian government asked to buy 40 M109A5 kits.', '2014-06-12')).toEqual([expect.objectContaining({ buyer: 'BRA', quantity: 40, status: 'proposed' })]);
  });
  it('a participle belongs to the item before it, and an event takes the time nearest its word', () => {
    expect(arms('Chile\n\nChile operates 44 F-16s, including 10 Block 50 models purchased in 2003.', '2020-01-01')).toEqual([expect.objectContaining({ buyer: 'CHL', quantity: 10, year: 2003, status: 'purchased' })]);
    expect(arms('Chile\n\nChile operates three Type 23 frigates procured second-hand in 2005 and commissioned between 2006 and 2008.', '2017-01-01')).toEqual([expect.objectContaining({ buyer: 'CHL', quantity: 3, year: 2005 })]);
  });
  it('equipment where something happens is not dealt: "received an orientation flight aboard a UH-60"', () => {
    expect(arms('Visit\n\nIn Honduras, the Army secretary received an orientation flight aboard a UH-60 helicopter.', '2011-01-01')).toEqual([]);
  });
});

describe('years the datasets do not cover', () => {
  it('a deal of 1811 is outside the datasets\' years: no row (the run goes on)', () => {
    expect(arms('History\n\nIn 1811 Argentina bought 1,000 muskets and two ships from Britain.', '2025-05-01')).toEqual([]);
  });
});

describe('counts that name nothing', () => {
  it('a count with no words after it ("Hour: 11:59") is no item: the row it made had an empty item and stopped the run', () => {
    expect(arms('Deal\n\nColombia agreed to sign the Letter of Agreement on April 8, 2021 Hour: 11:59 am WASHINGTON.', '2021-04-08')).toEqual([]);
  });
});
